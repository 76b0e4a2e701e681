package dev.peerget.repo.rpm;

import dev.peerget.model.Checksum;
import dev.peerget.repo.MetadataException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds, replaces or removes the {@code <data>} entry of one type in a {@code repomd.xml} text, leaving the rest
 * of the document as it was (what {@code modifyrepo_c} does for an uncompressed file, without rewriting the
 * other entries). The entry has the elements and order createrepo_c writes for an uncompressed file:
 * {@code checksum}, {@code location}, {@code timestamp}, {@code size}.
 *
 * <p>Works on the text, not a DOM, so that a createrepo_c document keeps its bytes apart from the one entry.
 * The result is parsed again with {@link RepomdParser}, so an edit never yields a repomd that peerget would
 * refuse. Stateless and thread-safe.
 */
public final class RepomdEditor {
    private static final Pattern END = Pattern.compile("</repomd\\s*>");
    private static final Pattern DATA_INDENT = Pattern.compile("(?m)^([ \\t]*)<data\\b");

    private RepomdEditor() {
    }

    /**
     * The repomd {@code xml} with one {@code <data type="TYPE">} entry for a file at {@code location} (relative to
     * the repository base) with the given digest, size and timestamp (seconds since the epoch), replacing any
     * earlier entry of that type.
     */
    public static String withData(String xml, String type, String location, Checksum checksum, long size,
            long timestamp, String sourceName) {
        Objects.requireNonNull(checksum, "checksum");
        if (size < 0 || timestamp < 0) {
            throw new IllegalArgumentException("negative size or timestamp for " + location);
        }
        String without = withoutData(xml, type, sourceName);
        Matcher end = END.matcher(without);
        if (!end.find()) {
            throw new MetadataException(sourceName + " has no </repomd> end tag", "regenerate it with createrepo_c");
        }
        Matcher indentMatch = DATA_INDENT.matcher(without);
        String indent = indentMatch.find() ? indentMatch.group(1) : "  ";
        String inner = indent + indent;
        String entry = indent + "<data type=\"" + escape(type) + "\">\n"
                + inner + "<checksum type=\"" + checksum.algorithm().name().toLowerCase(Locale.ROOT) + "\">"
                + checksum.hex() + "</checksum>\n"
                + inner + "<location href=\"" + escape(location) + "\"/>\n"
                + inner + "<timestamp>" + timestamp + "</timestamp>\n"
                + inner + "<size>" + size + "</size>\n"
                + indent + "</data>\n";
        int at = lineStart(without, end.start());
        String edited = without.substring(0, at) + entry + without.substring(at);
        RepomdData parsed = parse(edited, sourceName).data(type).orElseThrow();
        if (!parsed.location().equals(location) || !parsed.checksum().equals(checksum) || parsed.size() != size) {
            throw new IllegalStateException("edited repomd does not read back the " + type + " entry: " + parsed);
        }
        return edited;
    }

    /** The repomd {@code xml} without its {@code <data type="TYPE">} entries; unchanged when it has none. */
    public static String withoutData(String xml, String type, String sourceName) {
        parse(xml, sourceName);
        Pattern entry = Pattern.compile("(?s)(?:^|(?<=\\n))[ \\t]*<data\\s+type\\s*=\\s*([\"'])"
                + Pattern.quote(type) + "\\1\\s*>.*?</data\\s*>[ \\t]*(?:\\r?\\n)?");
        String edited = entry.matcher(xml).replaceAll("");
        Repomd parsed = parse(edited, sourceName);
        if (parsed.data(type).isPresent()) {
            throw new MetadataException(sourceName + ": cannot remove its <data type=\"" + type + "\"> entry "
                    + "(not written the way createrepo_c writes it)", "remove it with modifyrepo_c --remove " + type);
        }
        return edited;
    }

    /** The start of the line holding {@code index} when only blanks precede it there, else {@code index}. */
    private static int lineStart(String text, int index) {
        int i = index;
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        return i == 0 || text.charAt(i - 1) == '\n' ? i : index;
    }

    private static Repomd parse(String xml, String sourceName) {
        return RepomdParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), sourceName);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
