package dev.peerget.repo.deb;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.MetadataException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the text of a {@code Release} file (or the signed content of an {@code InRelease}; removing the
 * OpenPGP armor is someone else's job) into a {@link ReleaseFile}.
 *
 * <p>Dates are RFC 2822 as Debian writes them ({@code Sat, 10 Aug 2024 09:33:57 UTC}); apt also accepts
 * {@code GMT} and numeric offsets, so do we. The {@code MD5Sum}, {@code SHA1}, {@code SHA256} and
 * {@code SHA512} lists ({@code <hex> <size> <path>} per line) are merged by path; a path listed with two
 * different sizes is an error. Errors name the source and line. Stateless and thread-safe.
 */
public final class ReleaseFileParser {
    private ReleaseFileParser() {
    }

    /** Parses a Release text. */
    public static ReleaseFile parse(String text, String sourceName) {
        List<Stanza> stanzas = Deb822Reader.readAll(text, sourceName, false);
        return fromStanzas(stanzas, sourceName);
    }

    /** Parses a Release file from a stream (UTF-8). */
    public static ReleaseFile parse(InputStream in, String sourceName) throws IOException {
        List<Stanza> stanzas = new ArrayList<>();
        try (Deb822Reader r = new Deb822Reader(in, sourceName)) {
            r.forEach(stanzas::add);
        }
        return fromStanzas(stanzas, sourceName);
    }

    private static ReleaseFile fromStanzas(List<Stanza> stanzas, String sourceName) {
        if (stanzas.isEmpty()) {
            throw MetadataException.at(sourceName, 1, "empty Release file");
        }
        if (stanzas.size() > 1) {
            throw MetadataException.at(sourceName, stanzas.get(1).line(),
                    "a Release file has one paragraph; found another here");
        }
        return parse(stanzas.get(0));
    }

    /** Maps the single stanza of a Release file. */
    public static ReleaseFile parse(Stanza s) {
        Map<String, IndexFile> files = new LinkedHashMap<>();
        for (Stanza.Field f : s.fields()) {
            Optional<HashAlgorithm> algorithm = HashAlgorithm.parse(f.name());
            if (algorithm.isPresent()) {
                addChecksums(files, algorithm.get(), f, s.source());
            }
        }
        return new ReleaseFile(
                s.value("Origin", ""), s.value("Label", ""), s.value("Suite", ""), s.value("Codename", ""),
                s.value("Version", ""),
                date(s, "Date"), date(s, "Valid-Until"),
                words(s.value("Architectures", "")), words(s.value("Components", "")),
                s.value("Acquire-By-Hash", "no").equalsIgnoreCase("yes"),
                s.value("No-Support-for-Architecture-all", "").equals("Packages"),
                s.value("NotAutomatic", "no").equalsIgnoreCase("yes"),
                s.value("ButAutomaticUpgrades", "no").equalsIgnoreCase("yes"),
                files);
    }

    private static void addChecksums(Map<String, IndexFile> files, HashAlgorithm algorithm, Stanza.Field f,
            String source) {
        // Cut by hand rather than with split("\\s+"): a Release lists each of its ~800 files once per algorithm,
        // and every update reads it before anything else can start.
        String value = f.value();
        String[] parts = new String[3];
        long lineNo = f.line();
        for (int start = 0, n = value.length(); start <= n; lineNo++) {
            int end = value.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int count = words(value, start, end, parts);
            if (count != 0) {
                if (count != 3) {
                    throw MetadataException.at(source, lineNo, f.name() + ": expected '<digest> <size> <path>' but "
                            + "found '" + value.substring(start, end).strip() + "'");
                }
                add(files, algorithm, parts, f, source, lineNo, value.substring(start, end).strip());
            }
            start = end + 1;
        }
    }

    /**
     * Cuts the whitespace-separated words from {@code from} to {@code to} into {@code out}; returns how many there
     * are (counting past out's length, without storing those).
     */
    private static int words(String s, int from, int to, String[] out) {
        int count = 0;
        int i = from;
        while (true) {
            while (i < to && isSpace(s.charAt(i))) {
                i++;
            }
            if (i == to) {
                return count;
            }
            int start = i;
            while (i < to && !isSpace(s.charAt(i))) {
                i++;
            }
            if (count < out.length) {
                out[count] = s.substring(start, i);
            }
            count++;
        }
    }

    /** The characters of the regular expression {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static void add(Map<String, IndexFile> files, HashAlgorithm algorithm, String[] parts, Stanza.Field f,
                            String source, long lineNo, String line) {
        Checksum checksum;
        long size;
        try {
            checksum = new Checksum(algorithm, parts[0]);
            size = Long.parseLong(parts[1]);
        } catch (IllegalArgumentException e) {
            throw MetadataException.at(source, lineNo, f.name() + ": bad entry '" + line + "': " + e.getMessage());
        }
        String path = parts[2];
        IndexFile old = files.get(path);
        if (old == null) {
            files.put(path, new IndexFile(path, size, List.of(checksum)));
        } else if (old.size() != size) {
            throw MetadataException.at(source, lineNo, f.name() + ": " + path + " has size " + size
                    + " here but " + old.size() + " in an earlier list");
        } else {
            List<Checksum> merged = new ArrayList<>(old.checksums());
            merged.add(checksum);
            files.put(path, new IndexFile(path, size, merged));
        }
    }

    /**
     * RFC 2822 date as in {@code Date: Sat, 11 Jul 2026 10:16:37 UTC}. Java's RFC 1123 formatter knows
     * {@code GMT} and numeric offsets but not {@code UTC}/{@code Z}, which dak and apt-ftparchive write.
     */
    private static Instant date(Stanza s, String field) {
        Optional<Stanza.Field> f = s.field(field);
        if (f.isEmpty() || f.get().value().isBlank()) {
            return null;
        }
        String v = f.get().value().strip().replaceAll("\\s+", " ");
        String upper = v.toUpperCase(Locale.ROOT);
        if (upper.endsWith(" UTC") || upper.endsWith(" UT") || upper.endsWith(" Z")) {
            v = v.substring(0, v.lastIndexOf(' ')) + " GMT";
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw MetadataException.at(s.source(), f.get().line(),
                    field + " is not an RFC 2822 date: '" + f.get().value() + "'");
        }
    }

    private static List<String> words(String v) {
        String t = v.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
