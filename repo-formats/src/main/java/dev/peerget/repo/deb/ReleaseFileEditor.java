package dev.peerget.repo.deb;

import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.MetadataException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds, replaces or removes one file in the checksum lists of a {@code Release} text, leaving every other line
 * as it was: a mirror publishes an extra file (peerget's torrent) without regenerating the Release with
 * apt-ftparchive, and a re-run replaces the entry instead of adding a second one.
 *
 * <p>The file is listed in every checksum section the Release has ({@code MD5Sum}, {@code SHA1}, {@code SHA256},
 * {@code SHA512}), as apt-ftparchive lists every index in each, in its line format ({@code " <hex> <size
 * right-aligned in 16> <path>"}); an entry goes at the end of its section. A Release with no checksum section
 * at all gets a {@code SHA256} one. The result is parsed again with {@link ReleaseFileParser}, so an edit never
 * yields a Release that peerget (or apt) would refuse. Stateless and thread-safe.
 */
public final class ReleaseFileEditor {
    private ReleaseFileEditor() {
    }

    /**
     * The Release {@code text} with {@code path} (relative to the suite directory) listed with {@code content}'s
     * size and digests, replacing any earlier entry for that path.
     */
    public static String withFile(String text, String path, byte[] content, String sourceName) {
        checkPath(path);
        Objects.requireNonNull(content, "content");
        String edited = edit(text, path, content, sourceName);
        IndexFile listed = ReleaseFileParser.parse(edited, sourceName).file(path).orElseThrow();
        if (listed.size() != content.length) {
            throw new IllegalStateException("edited Release lists " + path + " with size " + listed.size());
        }
        return edited;
    }

    /** The Release {@code text} without any entry for {@code path}; unchanged when it lists none. */
    public static String withoutFile(String text, String path, String sourceName) {
        checkPath(path);
        String edited = edit(text, path, null, sourceName);
        ReleaseFileParser.parse(edited, sourceName);
        return edited;
    }

    private static String edit(String text, String path, byte[] content, String sourceName) {
        // Parsing first rejects what is not one Release paragraph, so the line walk below can be simple.
        ReleaseFileParser.parse(text, sourceName);
        boolean endsWithNewline = text.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (endsWithNewline) {
            lines.remove(lines.size() - 1);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> out = new ArrayList<>(lines.size() + 4);
        HashAlgorithm section = null;
        boolean sawSection = false;
        for (String line : lines) {
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation) {
                closeSection(out, section, path, content);
                section = sectionOf(line);
                sawSection |= section != null;
                out.add(line);
            } else if (section == null || !listsPath(line, path)) {
                out.add(line);
            }
        }
        closeSection(out, section, path, content);
        if (!sawSection && content != null) {
            out.add("SHA256:");
            closeSection(out, HashAlgorithm.SHA256, path, content);
        }
        if (out.isEmpty()) {
            throw new MetadataException(sourceName + " is empty", null);
        }
        return String.join("\n", out) + "\n";
    }

    private static void closeSection(List<String> out, HashAlgorithm section, String path, byte[] content) {
        if (section != null && content != null) {
            out.add(String.format(Locale.ROOT, " %s %16d %s", digest(section, content), content.length, path));
        }
    }

    /** The algorithm of a checksum section's field line ({@code SHA256:}), null for any other field. */
    private static HashAlgorithm sectionOf(String fieldLine) {
        int colon = fieldLine.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        Optional<HashAlgorithm> algorithm = HashAlgorithm.parse(fieldLine.substring(0, colon).strip());
        return algorithm.orElse(null);
    }

    private static boolean listsPath(String continuationLine, String path) {
        String[] parts = continuationLine.strip().split("\\s+");
        return parts.length == 3 && parts[2].equals(path);
    }

    private static void checkPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a Release file path: '" + path + "'");
        }
    }

    private static String digest(HashAlgorithm algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.javaName()).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JRE", e);
        }
    }
}
