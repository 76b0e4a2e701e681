package dev.peerget.cli.docs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds man(7) source. Text passes through {@link #escape}, so descriptions written for picocli's help can be
 * used verbatim: backslashes are escaped, option-like words get real minus signs ({@code \-}), non-ASCII
 * characters become {@code \[uXXXX]}, and a line starting with a dot or apostrophe is protected with {@code \&}
 * so it is not read as a request. Not thread-safe.
 */
final class Troff {
    /** An option-looking word such as --root, -o or --all-versions (not the hyphen in apt-get). */
    private static final Pattern OPTION_WORD = Pattern.compile("(?<![\\w\\\\-])--?[A-Za-z][\\w-]*");

    private final StringBuilder out = new StringBuilder();

    /** A comment line. */
    Troff comment(String text) {
        out.append(".\\\" ").append(text).append('\n');
        return this;
    }

    /** A request such as {@code .SH} with arguments, each quoted when it contains spaces. */
    Troff macro(String name, String... args) {
        out.append('.').append(name);
        for (String arg : args) {
            String escaped = escape(arg).replace("\"", "\\(dq");
            out.append(' ').append(escaped.contains(" ") || escaped.isEmpty() ? "\"" + escaped + "\"" : escaped);
        }
        out.append('\n');
        return this;
    }

    /** A request written as is, for arguments that are troff escapes themselves (such as {@code IP \(bu 2}). */
    Troff request(String raw) {
        out.append('.').append(raw).append('\n');
        return this;
    }

    /** Escaped running text; each newline in {@code text} starts a new output line with a break. */
    Troff text(String text) {
        String[] lines = text.strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append(".br\n");
            }
            line(escape(lines[i].strip()));
        }
        return this;
    }

    /** A line of already formatted troff (built with {@link #bold}, {@link #italic}, {@link #escape}). */
    Troff line(String formatted) {
        if (formatted.startsWith(".") || formatted.startsWith("'")) {
            out.append("\\&");
        }
        out.append(formatted).append('\n');
        return this;
    }

    /** A paragraph: {@code .PP} and the text. */
    Troff paragraph(String text) {
        return macro("PP").text(text);
    }

    /** A tagged paragraph: {@code .TP}, the formatted tag, then the body text. */
    Troff tagged(String formattedTag, String body) {
        macro("TP").line(formattedTag);
        return body.isBlank() ? this : text(body);
    }

    /** Lines shown verbatim (no filling), indented, as for an example. */
    Troff verbatim(String text) {
        macro("PP").macro("RS", "4").macro("nf");
        for (String l : text.split("\n")) {
            line(escape(l));
        }
        return macro("fi").macro("RE");
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code text} in bold. */
    static String bold(String text) {
        return "\\fB" + escape(text) + "\\fR";
    }

    /** {@code text} in italics. */
    static String italic(String text) {
        return "\\fI" + escape(text) + "\\fR";
    }

    /** Escapes text for use inside a troff line (see the class comment). */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\\') {
                sb.append("\\e");
            } else if (cp > 126 || cp < 32 && cp != '\t') {
                sb.append(String.format("\\[u%04X]", cp));
            } else {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        Matcher m = OPTION_WORD.matcher(sb);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(result, Matcher.quoteReplacement(m.group().replace("-", "\\-")));
        }
        m.appendTail(result);
        return result.toString();
    }
}
