package dev.peerget.repo.deb;

import dev.peerget.repo.MetadataException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses apt source lists in both formats of sources.list(5): one-line {@code .list} files
 * ({@code deb [options] uri suite [component...]}) and deb822 {@code .sources} files.
 *
 * <p>One-line options understood: {@code arch}, {@code signed-by}, {@code trusted}; {@code arch+=} is read
 * like {@code arch=}; other options (lang, target, pdiffs, by-hash, …) are accepted and ignored. {@code #}
 * starts a comment. {@code cdrom:} URIs are skipped with a note (peerget does not mount media).
 * In {@code .sources} files {@code Signed-By} may hold paths, fingerprints or an inline armored key
 * (continuation lines, {@code " ."} for empty lines).
 *
 * <p>Errors are {@link MetadataException}s naming file:line and what is wrong. Stateless and thread-safe.
 */
public final class AptSourcesParser {
    private AptSourcesParser() {
    }

    /**
     * What a file yielded.
     *
     * @param sources the entries, including disabled ones
     * @param notes   remarks about entries that were skipped, each starting with {@code file:line}
     */
    public record Result(List<AptSource> sources, List<String> notes) {
        public Result {
            sources = List.copyOf(sources);
            notes = List.copyOf(notes);
        }

        /** The fetch targets of every enabled source, in file order. */
        public List<AptSource.Target> enabledTargets() {
            List<AptSource.Target> out = new ArrayList<>();
            for (AptSource s : sources) {
                if (s.enabled()) {
                    out.addAll(s.targets());
                }
            }
            return out;
        }
    }

    /** Parses a file's text, choosing the format by name: {@code .sources} is deb822, anything else one-line. */
    public static Result parse(String text, String fileName) {
        return fileName.endsWith(".sources") ? parseDeb822(text, fileName) : parseOneLine(text, fileName);
    }

    /** Reads a whole sources file (UTF-8) and parses it as {@link #parse(String, String)} does. */
    public static Result parse(InputStream in, String fileName) throws IOException {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), fileName);
    }

    /** Parses a one-line format file ({@code sources.list}, {@code *.list}). */
    public static Result parseOneLine(String text, String fileName) {
        List<AptSource> sources = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            AptSource.Origin origin = new AptSource.Origin(fileName, i + 1);
            AptSource s = oneLine(line, origin, notes);
            if (s != null) {
                sources.add(s);
            }
        }
        return new Result(sources, notes);
    }

    private static AptSource oneLine(String line, AptSource.Origin origin, List<String> notes) {
        Cursor c = new Cursor(line, origin);
        String type = c.word();
        List<String> archs = new ArrayList<>();
        List<KeyRef> keys = new ArrayList<>();
        boolean trusted = false;
        c.skipSpace();
        if (c.peek() == '[') {
            String options = c.bracket();
            for (String opt : options.strip().split("\\s+")) {
                if (opt.isEmpty()) {
                    continue;
                }
                int eq = opt.indexOf('=');
                if (eq <= 0) {
                    throw error(origin, "option '" + opt + "' is not of the form name=value");
                }
                String name = opt.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = opt.substring(eq + 1);
                switch (name) {
                    case "arch", "arch+" -> archs.addAll(commaList(value));
                    case "signed-by" -> {
                        for (String w : commaList(value)) {
                            keys.add(key(w, origin));
                        }
                    }
                    case "trusted" -> trusted = yesNo(value, "trusted", origin);
                    default -> { } // lang, target, pdiffs, by-hash, check-valid-until, …: not ours to act on
                }
            }
        }
        String uriText = c.uriWord();
        if (uriText.isEmpty()) {
            throw error(origin, "missing URI after '" + type + "'");
        }
        if (uriText.startsWith("cdrom:")) {
            notes.add(origin + ": cdrom source '" + uriText + "' ignored: peerget does not read installation media");
            return null;
        }
        URI uri = uri(uriText, origin);
        String suite = c.word();
        if (suite.isEmpty()) {
            throw error(origin, "missing suite after '" + uriText + "'");
        }
        List<String> components = new ArrayList<>();
        for (String w = c.word(); !w.isEmpty(); w = c.word()) {
            components.add(w);
        }
        return build(List.of(type), List.of(uri), List.of(suite), components, archs, keys, trusted, true, origin);
    }

    /** Parses a deb822 {@code .sources} file. */
    public static Result parseDeb822(String text, String fileName) {
        List<AptSource> sources = new ArrayList<>();
        for (Stanza s : Deb822Reader.readAll(text, fileName, true)) {
            sources.add(deb822(s));
        }
        return new Result(sources, List.of());
    }

    private static AptSource deb822(Stanza s) {
        AptSource.Origin origin = new AptSource.Origin(s.source(), s.line());
        List<String> types = words(required(s, origin, "Types"));
        List<URI> uris = new ArrayList<>();
        String uriField = spelling(s, "URIs", "URI");
        for (String u : words(required(s, origin, uriField))) {
            uris.add(uri(u, new AptSource.Origin(s.source(), s.lineOf(uriField))));
        }
        String suitesField = spelling(s, "Suites", "Suite");
        List<String> suites = words(required(s, origin, suitesField));
        String componentsField = spelling(s, "Components", "Component");
        List<String> components = words(s.value(componentsField, ""));
        List<String> archs = new ArrayList<>();
        for (String a : words(s.value("Architectures", ""))) {
            archs.add(a);
        }
        List<KeyRef> keys = new ArrayList<>();
        s.field("Signed-By").ifPresent(f -> keys.addAll(signedBy(f, s.source())));
        boolean enabled = s.field("Enabled")
                .map(f -> yesNo(f.value(), "Enabled", new AptSource.Origin(s.source(), f.line()))).orElse(true);
        boolean trusted = s.field("Trusted")
                .map(f -> yesNo(f.value(), "Trusted", new AptSource.Origin(s.source(), f.line()))).orElse(false);
        return build(types, uris, suites, components, archs, keys, trusted, enabled, origin);
    }

    /** An inline armored key (Policy §5.1 continuation lines, " ." for empty) or a list of paths/fingerprints. */
    private static List<KeyRef> signedBy(Stanza.Field f, String source) {
        AptSource.Origin origin = new AptSource.Origin(source, f.line());
        String v = f.value();
        if (v.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            StringBuilder sb = new StringBuilder();
            for (String line : v.split("\n", -1)) {
                String t = line.startsWith(" ") || line.startsWith("\t") ? line.substring(1) : line;
                if (t.equals(".")) {
                    t = "";
                }
                if (sb.length() == 0 && t.isBlank()) {
                    continue; // the field's (empty) first line
                }
                sb.append(t).append('\n');
            }
            String armored = sb.toString();
            if (!armored.contains("-----END PGP PUBLIC KEY BLOCK-----")) {
                throw error(origin, "inline Signed-By key has no END PGP PUBLIC KEY BLOCK line");
            }
            return List.of(new KeyRef.Inline(armored));
        }
        List<KeyRef> keys = new ArrayList<>();
        for (String w : v.strip().split("[\\s,]+")) {
            if (!w.isEmpty()) {
                keys.add(key(w, origin));
            }
        }
        return keys;
    }

    private static AptSource build(List<String> types, List<URI> uris, List<String> suites, List<String> components,
            List<String> archs, List<KeyRef> keys, boolean trusted, boolean enabled, AptSource.Origin origin) {
        try {
            return new AptSource(types, uris, suites, components, archs, keys, trusted, enabled, origin);
        } catch (IllegalArgumentException e) {
            throw error(origin, e.getMessage());
        }
    }

    /** apt also accepts the singular field names; messages use the documented plural unless only that is used. */
    private static String spelling(Stanza s, String plural, String singular) {
        return !s.has(plural) && s.has(singular) ? singular : plural;
    }

    private static String required(Stanza s, AptSource.Origin origin, String field) {
        String v = s.value(field, "").strip();
        if (v.isEmpty()) {
            throw error(origin, "source paragraph has no " + field + " field");
        }
        return v;
    }

    private static KeyRef key(String word, AptSource.Origin origin) {
        try {
            return KeyRef.parseWord(word);
        } catch (IllegalArgumentException e) {
            throw error(origin, e.getMessage());
        }
    }

    private static URI uri(String text, AptSource.Origin origin) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null) {
                throw error(origin, "URI '" + text + "' has no scheme (expected e.g. http:, https:, file:)");
            }
            return u;
        } catch (URISyntaxException e) {
            throw error(origin, "bad URI '" + text + "': " + e.getReason());
        }
    }

    private static boolean yesNo(String value, String what, AptSource.Origin origin) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "1" -> true;
            case "no", "false", "0" -> false;
            default -> throw error(origin, what + " must be yes or no, not '" + value.strip() + "'");
        };
    }

    private static List<String> words(String v) {
        String t = v.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    private static List<String> commaList(String v) {
        List<String> out = new ArrayList<>();
        for (String w : v.split(",")) {
            if (!w.isBlank()) {
                out.add(w.strip());
            }
        }
        return out;
    }

    private static MetadataException error(AptSource.Origin origin, String what) {
        return MetadataException.at(origin.file(), origin.line(), what);
    }

    /** Walks one sources.list line word by word. */
    private static final class Cursor {
        private final String line;
        private final AptSource.Origin origin;
        private int pos;

        Cursor(String line, AptSource.Origin origin) {
            this.line = Objects.requireNonNull(line);
            this.origin = origin;
        }

        char peek() {
            return pos < line.length() ? line.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
        }

        String word() {
            skipSpace();
            int start = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos)) && line.charAt(pos) != '[') {
                pos++;
            }
            return line.substring(start, pos);
        }

        /** Like {@link #word()}, but a {@code cdrom:[Label with spaces]/} URI stays whole. */
        String uriWord() {
            skipSpace();
            if (line.startsWith("cdrom:[", pos)) {
                int close = line.indexOf(']', pos);
                if (close < 0) {
                    throw error(origin, "cdrom URI without closing ']'");
                }
                int start = pos;
                pos = close;
                while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                return line.substring(start, pos);
            }
            int start = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            return line.substring(start, pos);
        }

        /** The text between {@code [} and {@code ]}, moving past them. */
        String bracket() {
            int close = line.indexOf(']', pos);
            if (close < 0) {
                throw error(origin, "option list '[' without closing ']'");
            }
            String inside = line.substring(pos + 1, close);
            pos = close + 1;
            return inside;
        }
    }
}
