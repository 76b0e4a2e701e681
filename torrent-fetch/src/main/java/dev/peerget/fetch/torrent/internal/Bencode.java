package dev.peerget.fetch.torrent.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding (BEP 3): byte strings, integers, lists and dictionaries.
 *
 * <p>Encoding accepts {@code String} (as UTF-8), {@code byte[]}, {@code Long}/{@code Integer}, {@code List} and
 * {@code Map} with {@code String} or {@code byte[]} keys (BEP 52's {@code piece layers} is keyed by binary hashes);
 * dictionary keys are written sorted by their raw bytes as BEP 3 requires, so the same value always encodes to the
 * same bytes, and a key given twice is refused. Decoding yields {@code byte[]}, {@code Long}, {@code List<Object>} and
 * {@code Map<String, Object>} (keys decoded as UTF-8, in file order). Stateless and thread-safe.
 */
public final class Bencode {
    private static final Comparator<String> RAW_BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private Bencode() {}

    /** A dictionary whose iteration order is the one BEP 3 requires on the wire. */
    public static <V> Map<String, V> dictionary() {
        return new TreeMap<>(RAW_BYTE_ORDER);
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(value, out);
        return out.toByteArray();
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof byte[] b) {
            writeBytes(b, out);
        } else if (value instanceof Long || value instanceof Integer) {
            out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> encode(item, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            Map<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
            map.forEach((k, v) -> {
                byte[] key = k instanceof byte[] b ? b : ((String) k).getBytes(StandardCharsets.UTF_8);
                if (sorted.put(key, v) != null) {
                    throw new IllegalArgumentException("duplicate dictionary key "
                            + new String(key, StandardCharsets.UTF_8));
                }
            });
            out.write('d');
            sorted.forEach((k, v) -> {
                writeBytes(k, out);
                encode(v, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass()));
        }
    }

    private static void writeBytes(byte[] bytes, ByteArrayOutputStream out) {
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /** Decodes one value that must span all of {@code data}. */
    public static Object decode(byte[] data) {
        Decoder decoder = new Decoder(data);
        Object value = decoder.value();
        if (decoder.pos != data.length) {
            throw new IllegalArgumentException("trailing data after offset " + decoder.pos);
        }
        return value;
    }

    /**
     * The exact bytes of the value stored under {@code key} in the top-level dictionary (the info dictionary's
     * bytes are what its hash is computed over, BEP 3), or null when absent.
     */
    public static byte[] rawValue(byte[] data, String key) {
        Decoder decoder = new Decoder(data);
        decoder.expect('d');
        while (data[decoder.pos] != 'e') {
            String k = new String(decoder.string(), StandardCharsets.UTF_8);
            int start = decoder.pos;
            decoder.value();
            if (k.equals(key)) {
                return Arrays.copyOfRange(data, start, decoder.pos);
            }
        }
        return null;
    }

    private static final class Decoder {
        private final byte[] data;
        private int pos;

        Decoder(byte[] data) {
            this.data = data;
        }

        Object value() {
            if (pos >= data.length) {
                throw new IllegalArgumentException("truncated at offset " + pos);
            }
            byte b = data[pos];
            if (b == 'i') {
                pos++;
                return Long.parseLong(until('e'));
            } else if (b == 'l') {
                pos++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') {
                    list.add(value());
                }
                pos++;
                return list;
            } else if (b == 'd') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (peek() != 'e') {
                    String key = new String(string(), StandardCharsets.UTF_8);
                    map.put(key, value());
                }
                pos++;
                return map;
            } else if (b >= '0' && b <= '9') {
                return string();
            }
            throw new IllegalArgumentException("unexpected byte '" + (char) b + "' at offset " + pos);
        }

        byte[] string() {
            int length = Integer.parseInt(until(':'));
            if (length < 0 || pos + length > data.length) {
                throw new IllegalArgumentException("string of " + length + " bytes overruns the data at " + pos);
            }
            byte[] bytes = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return bytes;
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at offset " + pos);
            }
            pos++;
        }

        private byte peek() {
            if (pos >= data.length) {
                throw new IllegalArgumentException("truncated at offset " + pos);
            }
            return data[pos];
        }

        private String until(char end) {
            int start = pos;
            while (peek() != end) {
                pos++;
            }
            String text = new String(data, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return text;
        }
    }
}
