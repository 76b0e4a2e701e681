package dev.peerget.installer.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's arguments as one text column: arguments separated by newlines, with backslash and newline
 * inside an argument escaped ({@code \\}, {@code \n}), so every argument list survives the round trip.
 */
final class CommandText {
    private CommandText() {
    }

    static String join(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(a.replace("\\", "\\\\").replace("\n", "\\n"));
        }
        return sb.toString();
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                cur.append(n == 'n' ? '\n' : n);
            } else if (c == '\n') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
