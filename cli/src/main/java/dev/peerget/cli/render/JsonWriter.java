package dev.peerget.cli.render;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for {@code --json} output (RFC 8259 string escaping, no pretty printing
 * beyond one element per line in the top-level array). Not thread-safe.
 */
public final class JsonWriter {
    private final PrintWriter out;
    private final Deque<boolean[]> first = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(PrintWriter out) {
        this.out = out;
    }

    public JsonWriter beginArray() {
        separator();
        out.print('[');
        first.push(new boolean[] {true});
        return this;
    }

    public JsonWriter endArray() {
        first.pop();
        if (first.isEmpty()) {
            out.print('\n');
        }
        out.print(']');
        if (first.isEmpty()) {
            out.print('\n');
        }
        return this;
    }

    public JsonWriter beginObject() {
        separator();
        out.print('{');
        first.push(new boolean[] {true});
        return this;
    }

    public JsonWriter endObject() {
        first.pop();
        out.print('}');
        return this;
    }

    public JsonWriter name(String name) {
        separator();
        string(name);
        out.print(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        separator();
        if (value == null) {
            out.print("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        separator();
        out.print(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        separator();
        out.print(value);
        return this;
    }

    /** Shorthand for {@code name(n).value(v)}. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    private void separator() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            boolean[] f = first.peek();
            if (!f[0]) {
                out.print(',');
            }
            f[0] = false;
            if (first.size() == 1) {
                out.print('\n');
            }
        }
    }

    private void string(String s) {
        out.print('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.print("\\\"");
                case '\\' -> out.print("\\\\");
                case '\n' -> out.print("\\n");
                case '\r' -> out.print("\\r");
                case '\t' -> out.print("\\t");
                default -> {
                    if (c < 0x20) {
                        out.printf("\\u%04x", (int) c);
                    } else {
                        out.print(c);
                    }
                }
            }
        }
        out.print('"');
    }
}
