package dev.peerget.repo.deb;

import dev.peerget.repo.MetadataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads Debian control-format files (Debian Policy §5.1, "deb822") one {@link Stanza} at a time: Packages
 * indexes, Release/InRelease, the dpkg status file and {@code .sources} files all go through this one reader,
 * as apt's {@code tagfile.h} does.
 *
 * <p>Syntax handled: paragraphs separated by blank (or whitespace-only) lines; {@code Name: value} field
 * lines; continuation lines starting with a space or tab, which are appended to the value after a newline
 * exactly as written (Policy §5.1: multiline fields keep their line structure, {@code " ."} stays as is, folded
 * fields treat the newline as whitespace); trailing whitespace and {@code \r} are dropped; a UTF-8 byte order
 * mark is skipped. {@code #} comment lines are accepted only when enabled (apt allows them in
 * {@code .sources} files, not in indexes). Bytes that are not valid UTF-8 become U+FFFD rather than failing.
 *
 * <p>Errors ({@link MetadataException}) name the source and line: a line without a colon, a continuation line
 * with no field to continue, and a field given twice in one paragraph (Policy §5.1 forbids it).
 *
 * <p>Speed matters (a Packages index is ~50 MB): the input is read in large byte buffers and scanned for
 * newlines directly; each value is decoded to a String once; field names are deduplicated by a small cache.
 *
 * <p>Not thread-safe: one reader per stream. Closing the reader closes the stream.
 */
public final class Deb822Reader implements AutoCloseable {
    private static final int BUFFER = 1 << 18;

    private final InputStream in;
    private final String source;
    private final boolean allowComments;
    private final NameCache names = new NameCache();
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNo;
    private int lineStart;
    private int lineEnd;
    private byte[] scratch = new byte[1024];
    private int scratchLen;
    /** Numbers the stanzas; {@code seenIn[id] == stanzaSerial} marks a field name (by id) seen in this one. */
    private int stanzaSerial;
    private int[] seenIn = new int[64];
    private long[] seenLine = new long[64];

    /** A reader of {@code in} reporting errors against {@code sourceName}; comment lines are errors. */
    public Deb822Reader(InputStream in, String sourceName) {
        this(in, sourceName, false);
    }

    /**
     * A reader of {@code in} reporting errors against {@code sourceName}.
     *
     * @param allowComments whether lines starting with {@code #} are skipped (deb822 {@code .sources} files)
     */
    public Deb822Reader(InputStream in, String sourceName, boolean allowComments) {
        this.in = Objects.requireNonNull(in, "in");
        this.source = Objects.requireNonNull(sourceName, "sourceName");
        this.allowComments = allowComments;
        this.buf = new byte[BUFFER];
    }

    /** A reader of an in-memory text. */
    public static Deb822Reader ofString(String text, String sourceName, boolean allowComments) {
        return new Deb822Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), sourceName,
                allowComments);
    }

    /** Reads every stanza of an in-memory text. */
    public static List<Stanza> readAll(String text, String sourceName, boolean allowComments) {
        try (Deb822Reader r = ofString(text, sourceName, allowComments)) {
            List<Stanza> out = new ArrayList<>();
            r.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
    }

    /** The source name used in error messages. */
    public String sourceName() {
        return source;
    }

    /** Hands every remaining stanza to {@code sink}, in order. */
    public void forEach(Consumer<Stanza> sink) throws IOException {
        for (Optional<Stanza> s = next(); s.isPresent(); s = next()) {
            sink.accept(s.get());
        }
    }

    /** The next stanza, or empty at the end of the input. */
    public Optional<Stanza> next() throws IOException {
        List<Stanza.Field> fields = new ArrayList<>(24);
        stanzaSerial++;
        String pendingName = null;
        int pendingId = 0;
        long pendingLine = 0;
        while (nextLine()) {
            int start = lineStart;
            int end = lineEnd;
            while (end > start && isSpace(buf[end - 1])) {
                end--;
            }
            if (start == end) {
                if (pendingName != null) {
                    break;
                }
                continue; // blank lines before the first field
            }
            byte first = buf[start];
            if (first == '#' && allowComments) {
                continue;
            }
            if (first == ' ' || first == '\t') {
                if (pendingName == null) {
                    throw MetadataException.at(source, lineNo, "continuation line without a field to continue");
                }
                appendScratch((byte) '\n');
                appendScratch(buf, start, end);
                continue;
            }
            int colon = indexOf((byte) ':', start, end);
            if (colon < 0) {
                throw MetadataException.at(source, lineNo,
                        "expected 'Field: value' but found '" + text(start, Math.min(end, start + 60)) + "'");
            }
            if (colon == start) {
                throw MetadataException.at(source, lineNo, "empty field name");
            }
            if (pendingName != null) {
                addField(fields, pendingName, pendingId, pendingLine);
            }
            pendingName = names.get(buf, start, colon);
            pendingId = names.lastId;
            pendingLine = lineNo;
            int v = colon + 1;
            while (v < end && (buf[v] == ' ' || buf[v] == '\t')) {
                v++;
            }
            scratchLen = 0;
            appendScratch(buf, v, end);
        }
        if (pendingName == null) {
            return Optional.empty();
        }
        addField(fields, pendingName, pendingId, pendingLine);
        return Optional.of(new Stanza(source, fields.get(0).line(), fields));
    }

    /** Adds a field; {@code id} numbers its name ignoring case ({@link NameCache}), for the duplicate check. */
    private void addField(List<Stanza.Field> fields, String name, int id, long line) {
        if (id < 0) {
            for (Stanza.Field other : fields) {
                if (other.name().equalsIgnoreCase(name)) {
                    throw twice(name, line, other.line());
                }
            }
        } else if (id >= seenIn.length) {
            seenIn = Arrays.copyOf(seenIn, Math.max(id + 1, seenIn.length * 2));
            seenLine = Arrays.copyOf(seenLine, seenIn.length);
        }
        if (id >= 0) {
            if (seenIn[id] == stanzaSerial) {
                throw twice(name, line, seenLine[id]);
            }
            seenIn[id] = stanzaSerial;
            seenLine[id] = line;
        }
        fields.add(new Stanza.Field(name, new String(scratch, 0, scratchLen, StandardCharsets.UTF_8), line));
    }

    private MetadataException twice(String name, long line, long first) {
        return MetadataException.at(source, line,
                "field '" + name + "' given twice in one paragraph (first at line " + first + ")");
    }

    private boolean nextLine() throws IOException {
        while (true) {
            int nl = indexOf((byte) '\n', pos, limit);
            if (nl >= 0) {
                setLine(pos, nl);
                pos = nl + 1;
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void setLine(int start, int end) {
        if (lineNo == 0 && end - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB
                && buf[start + 2] == (byte) 0xBF) {
            start += 3; // UTF-8 byte order mark
        }
        lineNo++;
        lineStart = start;
        lineEnd = end;
    }

    private void fill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
        } else if (remaining == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        }
        pos = 0;
        limit = remaining;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private int indexOf(byte b, int from, int to) {
        byte[] a = buf;
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void appendScratch(byte b) {
        if (scratchLen == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[scratchLen++] = b;
    }

    private void appendScratch(byte[] src, int from, int to) {
        int n = to - from;
        if (scratchLen + n > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLen + n));
        }
        System.arraycopy(src, from, scratch, scratchLen, n);
        scratchLen += n;
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Reuses the String of a field name seen before: Packages files repeat ~30 names a million times. Also numbers
     * the names ignoring case ({@link #lastId}), so that a stanza's duplicate check compares numbers, not strings.
     */
    private static final class NameCache {
        private static final int SLOTS = 512;
        /** Names beyond this many get no id (-1) and are checked by comparing strings: memory stays bounded. */
        private static final int MAX_IDS = 4096;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];
        private final int[] ids = new int[SLOTS];
        private final Map<String, Integer> idsByLowerCase = new HashMap<>();
        /** The id of the name the last {@link #get} returned: equal for names that differ only in case. */
        int lastId;

        String get(byte[] b, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ (h >>> 9)) & (SLOTS - 1);
            byte[] k = keys[slot];
            if (k != null && Arrays.equals(k, 0, k.length, b, from, to)) {
                lastId = ids[slot];
                return values[slot];
            }
            String s = new String(b, from, to - from, StandardCharsets.UTF_8);
            keys[slot] = Arrays.copyOfRange(b, from, to);
            values[slot] = s;
            String folded = s.toLowerCase(Locale.ROOT);
            Integer id = idsByLowerCase.get(folded);
            if (id == null && idsByLowerCase.size() < MAX_IDS) {
                id = idsByLowerCase.size();
                idsByLowerCase.put(folded, id);
            }
            ids[slot] = id == null ? -1 : id;
            lastId = ids[slot];
            return s;
        }
    }
}
