package dev.peerget.fetch.swarm;

import java.nio.file.Path;

/** What a fetch reports while it runs. Called from several threads; implementations must be thread-safe. */
public interface FetchListener {
    FetchListener NONE = new FetchListener() { };

    /**
     * A file is verified and in the cache, at {@code file}; {@code bytes} were transferred for it. Called with the
     * fetch's lock held (the fetch returns only after every file was reported): return quickly.
     */
    default void done(FetchItem item, FetchSource source, long bytes, Path file) { }

    /** Totals so far, a few times a second. */
    default void progress(FetchTotals totals) { }

    /** The torrent engine process started (for diagnostics). */
    default void engineStarted(long pid) { }

    /** Something worth a line: the swarm is slow, the engine died, a mirror failed over. */
    default void notice(String message) { }

    /** A decision of the fetch worth a line in a bug report or a benchmark (shown with {@code --debug}). */
    default void debug(String message) { }
}
