package dev.peerget.cache.internal;

import java.util.Arrays;

/**
 * Values by the text of a span of a larger string, looked up without cutting the span out: the decoders of stored
 * rows use it to hand out one {@code String} (or one decoded value) for text that recurs across rows, such as
 * {@code libc6} or {@code libc6 (>= 2.34)}, instead of a new copy per row. A hit costs a hash and a comparison of
 * the span; a shared string also keeps its cached hash for the resolver's many map lookups. Open addressing
 * with linear probing; emptied when it holds {@link #MAX_SIZE} entries, so a read of the whole index stays
 * bounded. Not thread-safe.
 *
 * @param <V> the value kept for a text
 */
final class SpanCache<V> {
    /** Entries kept before the cache empties itself. */
    static final int MAX_SIZE = 1 << 15;
    private static final int INITIAL_CAPACITY = 1 << 10;

    private String[] keys = new String[INITIAL_CAPACITY];
    private Object[] values = new Object[INITIAL_CAPACITY];
    private int[] hashes = new int[INITIAL_CAPACITY];
    private int size;

    /** {@code s.substring(from, to).hashCode()}, without the substring. */
    static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** The value kept for the text of {@code s} from {@code from} to {@code to}, whose {@link #hash} is given. */
    @SuppressWarnings("unchecked")
    V get(String s, int from, int to, int hash) {
        int mask = keys.length - 1;
        int len = to - from;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            String key = keys[i];
            if (key == null) {
                return null;
            }
            if (hashes[i] == hash && key.length() == len && key.regionMatches(0, s, from, len)) {
                return (V) values[i];
            }
        }
    }

    /** Keeps {@code value} for {@code key} (absent), whose {@link #hash} is given. */
    void put(String key, int hash, V value) {
        if (size >= MAX_SIZE) {
            clear();
        } else if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(key, hash, value);
        size++;
    }

    /** One {@code String} for each text: the one kept, else the span, cut out and kept. */
    static String intern(SpanCache<String> cache, String s, int from, int to) {
        int hash = hash(s, from, to);
        String kept = cache.get(s, from, to, hash);
        if (kept == null) {
            kept = s.substring(from, to);
            cache.put(kept, hash, kept);
        }
        return kept;
    }

    int size() {
        return size;
    }

    private void insert(String key, int hash, Object value) {
        int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = hash;
        values[i] = value;
    }

    private void grow() {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new String[oldKeys.length * 2];
        values = new Object[keys.length];
        hashes = new int[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
        size = 0;
    }
}
