package dev.peerget.repo.rpm.internal;

import dev.peerget.repo.rpm.internal.RpmFormatException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One header structure of an {@code .rpm} file — the signature header or the main header — kept as the exact
 * bytes read from the file (what a header-only signature covers) plus an index of its entries.
 *
 * <p>Layout (rpm's {@code doc/manual/format.md}, "Header structure"; all numbers big-endian): 8 bytes of magic
 * ({@code 8E AD E8 01} and four zero bytes), {@code il} (int32, index entries) and {@code dl} (int32, bytes in
 * the data store), {@code il} index entries of 16 bytes (tag, type, offset into the store, count), then the
 * {@code dl} bytes of the store.
 *
 * <p>Reading validates what rpm's {@code hdrblobRead}/{@code hdrblobVerifyInfo} validate before trusting a
 * header: the magic, {@code il} and {@code dl} within rpm's limits, and every entry's type known and its data
 * inside the store. It also refuses a tag that occurs twice (rpmbuild never writes one, and a reader that took
 * the other copy would see a different package). Region tags ({@code HEADERIMMUTABLE}) are not interpreted:
 * signatures and digests cover the header byte for byte, regions and all.
 *
 * <p>Immutable after reading; {@link #bytes()} exposes the shared array, which callers must not modify.
 */
public final class RpmHeader {
    /** rpm's entry types ({@code rpmTagType}). */
    public static final int TYPE_NULL = 0;
    public static final int TYPE_CHAR = 1;
    public static final int TYPE_INT8 = 2;
    public static final int TYPE_INT16 = 3;
    public static final int TYPE_INT32 = 4;
    public static final int TYPE_INT64 = 5;
    public static final int TYPE_STRING = 6;
    public static final int TYPE_BIN = 7;
    public static final int TYPE_STRING_ARRAY = 8;
    public static final int TYPE_I18NSTRING = 9;

    private static final int INTRO_BYTES = 16;
    private static final int ENTRY_BYTES = 16;
    private static final byte[] MAGIC = {(byte) 0x8E, (byte) 0xAD, (byte) 0xE8, 0x01, 0, 0, 0, 0};

    /**
     * rpm's sanity limits ({@code hdrchkTags}, {@code hdrchkData} in {@code lib/header_internal.h}): at most
     * 0xFFFF entries and 256 MiB of data. They also keep a hostile file from making us allocate gigabytes.
     */
    public static final Limits MAIN_LIMITS = new Limits(0xFFFF, 0x0FFF_FFFF);

    /** The signature header holds a dozen entries at most in practice; rpm caps its data at 64 MiB. */
    public static final Limits SIGNATURE_LIMITS = new Limits(0xFFFF, 64 * 1024 * 1024);

    /** Upper bounds for {@code il} and {@code dl}. */
    public record Limits(int maxEntries, int maxDataBytes) {
    }

    private record Entry(int tag, int type, int offset, int count) {
    }

    private final String name;
    private final long fileOffset;
    private final byte[] bytes;
    private final int storeStart;
    private final Map<Integer, Entry> entries;

    private RpmHeader(String name, long fileOffset, byte[] bytes, int storeStart, Map<Integer, Entry> entries) {
        this.name = name;
        this.fileOffset = fileOffset;
        this.bytes = bytes;
        this.storeStart = storeStart;
        this.entries = Map.copyOf(entries);
    }

    /**
     * Reads one header from {@code in}, which is positioned at its magic.
     *
     * @param name what the header is ("signature header", "main header"), for messages
     * @param fileOffset where in the file the header starts, for messages
     * @throws RpmFormatException when the file ends inside the header or the header is not valid
     */
    public static RpmHeader read(InputStream in, String name, long fileOffset, Limits limits)
            throws IOException, RpmFormatException {
        byte[] intro = new byte[INTRO_BYTES];
        readFully(in, intro, name, fileOffset);
        for (int i = 0; i < MAGIC.length; i++) {
            if (intro[i] != MAGIC[i]) {
                throw new RpmFormatException(Kind.MALFORMED, "no header magic at byte " + fileOffset
                        + " where the " + name + " should start");
            }
        }
        ByteBuffer counts = ByteBuffer.wrap(intro, 8, 8);
        int il = counts.getInt();
        int dl = counts.getInt();
        if (il < 1 || il > limits.maxEntries()) {
            throw new RpmFormatException(Kind.MALFORMED, "the " + name + " at byte " + fileOffset + " claims " + il
                    + " index entries (allowed: 1 to " + limits.maxEntries() + ")");
        }
        if (dl < 0 || dl > limits.maxDataBytes()) {
            throw new RpmFormatException(Kind.MALFORMED, "the " + name + " at byte " + fileOffset + " claims "
                    + Integer.toUnsignedString(dl) + " bytes of data (allowed: up to " + limits.maxDataBytes() + ")");
        }
        int storeStart = INTRO_BYTES + il * ENTRY_BYTES;
        byte[] bytes = new byte[storeStart + dl];
        System.arraycopy(intro, 0, bytes, 0, INTRO_BYTES);
        readFully(in, bytes, INTRO_BYTES, bytes.length - INTRO_BYTES, name, fileOffset);

        ByteBuffer index = ByteBuffer.wrap(bytes, INTRO_BYTES, il * ENTRY_BYTES);
        Map<Integer, Entry> entries = new HashMap<>();
        for (int i = 0; i < il; i++) {
            Entry e = new Entry(index.getInt(), index.getInt(), index.getInt(), index.getInt());
            String where = "entry " + i + " (tag " + e.tag() + ") of the " + name + " at byte " + fileOffset;
            checkEntry(e, bytes, storeStart, dl, where);
            if (entries.put(e.tag(), e) != null) {
                throw new RpmFormatException(Kind.MALFORMED, where + " repeats a tag");
            }
        }
        return new RpmHeader(name, fileOffset, bytes, storeStart, entries);
    }

    /** Checks that the entry's type is known and its data lies inside the store. */
    private static void checkEntry(Entry e, byte[] bytes, int storeStart, int dl, String where)
            throws RpmFormatException {
        if (e.type() < TYPE_NULL || e.type() > TYPE_I18NSTRING) {
            throw new RpmFormatException(Kind.MALFORMED, where + " has unknown type " + e.type());
        }
        if (e.offset() < 0 || e.offset() > dl) {
            throw new RpmFormatException(Kind.MALFORMED, where + " points outside the data store");
        }
        if (e.type() != TYPE_NULL && e.count() < 1) {
            throw new RpmFormatException(Kind.MALFORMED, where + " has count " + Integer.toUnsignedString(e.count()));
        }
        if (e.type() == TYPE_STRING && e.count() != 1) {
            throw new RpmFormatException(Kind.MALFORMED, where + " is a STRING with count " + e.count());
        }
        long end = switch (e.type()) {
            case TYPE_NULL -> e.offset();
            case TYPE_STRING, TYPE_STRING_ARRAY, TYPE_I18NSTRING -> endOfStrings(bytes, storeStart, dl, e);
            default -> e.offset() + (long) e.count() * fixedSize(e.type());
        };
        if (end > dl) {
            throw new RpmFormatException(Kind.MALFORMED, where + " runs past the end of the data store");
        }
    }

    private static int fixedSize(int type) {
        return switch (type) {
            case TYPE_INT16 -> 2;
            case TYPE_INT32 -> 4;
            case TYPE_INT64 -> 8;
            default -> 1;
        };
    }

    /** Offset after the entry's {@code count} NUL-terminated strings, or {@code dl + 1} when they do not fit. */
    private static long endOfStrings(byte[] bytes, int storeStart, int dl, Entry e) {
        int pos = storeStart + e.offset();
        int limit = storeStart + dl;
        for (int n = 0; n < e.count(); n++) {
            while (pos < limit && bytes[pos] != 0) {
                pos++;
            }
            if (pos >= limit) {
                return dl + 1L;
            }
            pos++;
        }
        return pos - storeStart;
    }

    /** The header exactly as stored in the file, magic included: what rpm digests and signs. Shared; do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /** Whether the header has an entry with this tag. */
    public boolean has(int tag) {
        return entries.containsKey(tag);
    }

    /** The data of a BIN entry. */
    public Optional<byte[]> binary(int tag) throws RpmFormatException {
        Entry e = entries.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        expectType(e, TYPE_BIN);
        int from = storeStart + e.offset();
        byte[] out = new byte[e.count()];
        System.arraycopy(bytes, from, out, 0, out.length);
        return Optional.of(out);
    }

    /** A STRING entry, or the first element of a STRING_ARRAY or I18NSTRING entry (bytes as ISO-8859-1). */
    public Optional<String> string(int tag) throws RpmFormatException {
        Entry e = entries.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        expectType(e, TYPE_STRING, TYPE_STRING_ARRAY, TYPE_I18NSTRING);
        int from = storeStart + e.offset();
        int to = from;
        while (bytes[to] != 0) {
            to++;
        }
        return Optional.of(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** The first element of an integer entry, unsigned as rpm stores it. */
    public OptionalLong number(int tag) throws RpmFormatException {
        Entry e = entries.get(tag);
        if (e == null) {
            return OptionalLong.empty();
        }
        expectType(e, TYPE_INT8, TYPE_INT16, TYPE_INT32, TYPE_INT64, TYPE_CHAR);
        ByteBuffer data = ByteBuffer.wrap(bytes, storeStart + e.offset(), fixedSize(e.type()));
        long value = switch (e.type()) {
            case TYPE_INT16 -> Short.toUnsignedLong(data.getShort());
            case TYPE_INT32 -> Integer.toUnsignedLong(data.getInt());
            case TYPE_INT64 -> data.getLong();
            default -> Byte.toUnsignedLong(data.get());
        };
        return OptionalLong.of(value);
    }

    private void expectType(Entry e, int... types) throws RpmFormatException {
        for (int t : types) {
            if (e.type() == t) {
                return;
            }
        }
        throw new RpmFormatException(Kind.MALFORMED, "tag " + e.tag() + " of the " + name + " at byte " + fileOffset
                + " has type " + e.type() + ", which rpm never uses for it");
    }

    private static void readFully(InputStream in, byte[] into, String name, long fileOffset)
            throws IOException, RpmFormatException {
        readFully(in, into, 0, into.length, name, fileOffset);
    }

    private static void readFully(InputStream in, byte[] into, int off, int len, String name, long fileOffset)
            throws IOException, RpmFormatException {
        if (in.readNBytes(into, off, len) < len) {
            throw new RpmFormatException(Kind.TRUNCATED, "the file ends inside the " + name + " that starts at byte "
                    + fileOffset + " (" + (fileOffset + into.length) + " bytes expected up to its end)");
        }
    }
}
