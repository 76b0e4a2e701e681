package dev.peerget.cache.internal;

/**
 * The layout of the {@code search} table: one row per run of up to {@link #SIZE} consecutive packages of one
 * load, keyed by the first package's id, whose {@code data} is a JSON array with one {@code [name, words]} pair per
 * package in id order ({@code words} as {@link SearchWords#fold} makes them). The package at index {@code k} has id
 * {@code search.id + k}: a writer gives the packages of a load consecutive ids.
 *
 * <p>Why runs and not a row per package: an update of Debian's 63,000 packages spent about 0.15 s of the writer
 * thread's CPU on the search rows alone, nearly all of it per row (JDBC binds, steps, B-tree inserts), not per
 * byte; 500 rows of 128 packages cost a fraction of that. A search scans the runs with the same LIKE patterns
 * first (a package's name and words appear verbatim in its run's text) and looks into the matching runs only
 * ({@link #PACKAGES}). Collects one run at a time; not thread-safe.
 */
public final class SearchChunk {
    /** Packages per row. */
    public static final int SIZE = 128;

    /**
     * The search table's rows unpacked into one row per package: {@code s} is the run (filter it on {@code s.data}),
     * {@link #ID}, {@link #NAME} and {@link #WORDS} are the package's.
     */
    public static final String PACKAGES = "search s, json_each(s.data) e";
    public static final String ID = "s.id + e.key";
    public static final String NAME = "(e.value->>0)";
    public static final String WORDS = "(e.value->>1)";

    private final StringBuilder data = new StringBuilder(SIZE * 128);
    private long firstId;
    private int count;

    /**
     * A package's element of a run, {@code ["name","words"]}; pure, so that the index reader's thread can make it.
     * Words need no escaping (letters, digits and spaces only).
     */
    public static String entry(String name, String words) {
        StringBuilder b = new StringBuilder(name.length() + words.length() + 7).append("[\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append("\",\"").append(words).append("\"]").toString();
    }

    /**
     * Whether {@code text} appears unchanged in a run wherever a name or words containing it do: it holds nothing
     * that {@link #entry} escapes. Only then may a search filter the runs on it.
     */
    public static boolean verbatim(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    /** Adds the package with id {@code id} (one more than the previous one's) and its {@link #entry}. */
    public void add(long id, String entry) {
        if (count == 0) {
            firstId = id;
            data.append('[');
        } else {
            data.append(',');
        }
        data.append(entry);
        count++;
    }

    public boolean isFull() {
        return count >= SIZE;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The id of the run's first package: the row's key. */
    public long firstId() {
        return firstId;
    }

    /** The run's {@code data}; the collector is empty afterwards. */
    public String take() {
        String out = data.append(']').toString();
        data.setLength(0);
        count = 0;
        return out;
    }
}
