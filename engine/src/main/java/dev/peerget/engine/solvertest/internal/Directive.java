package dev.peerget.engine.solvertest.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code #!peerget WORD key=value ...} line: what a testcase must carry for peerget that libsolv's syntax
 * cannot say exactly (apt's {@code pkg/suite}, reinstall, autoremove, automatic marks, repository names with
 * blanks). libsolv reads it as a comment. Values use {@link DepSyntax#escape}; keys may repeat.
 *
 * @param words  the words before the first {@code key=value}, e.g. {@code job install}
 * @param fields the key/value pairs in order
 */
public record Directive(List<String> words, List<String[]> fields) {
    public static final String PREFIX = "#!peerget ";

    public Directive {
        words = List.copyOf(words);
        fields = List.copyOf(fields);
    }

    /** A directive builder: {@code Directive.of("job", "install").with("name", n)}. */
    public static Directive of(String... words) {
        return new Directive(List.of(words), List.of());
    }

    public Directive with(String key, String value) {
        if (value == null) {
            return this;
        }
        List<String[]> f = new ArrayList<>(fields);
        f.add(new String[] {key, value});
        return new Directive(words, f);
    }

    public String line() {
        StringBuilder b = new StringBuilder(PREFIX.strip());
        words.forEach(w -> b.append(' ').append(w));
        fields.forEach(f -> b.append(' ').append(f[0]).append('=').append(DepSyntax.escape(f[1])));
        return b.toString();
    }

    /** Parses a line starting with {@link #PREFIX}. */
    public static Directive parse(String line) {
        List<String> words = new ArrayList<>();
        List<String[]> fields = new ArrayList<>();
        for (String token : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.add(new String[] {token.substring(0, eq), DepSyntax.unescape(token.substring(eq + 1))});
            } else if (fields.isEmpty()) {
                words.add(token);
            } else {
                throw new IllegalArgumentException("expected key=value, found '" + token + "'");
            }
        }
        return new Directive(words, fields);
    }

    /** The first value of {@code key}, or null. */
    public String get(String key) {
        for (String[] f : fields) {
            if (f[0].equals(key)) {
                return f[1];
            }
        }
        return null;
    }

    /** Every value of {@code key}. */
    public List<String> all(String key) {
        return fields.stream().filter(f -> f[0].equals(key)).map(f -> f[1]).toList();
    }

    public String word(int i) {
        return i < words.size() ? words.get(i) : "";
    }
}
