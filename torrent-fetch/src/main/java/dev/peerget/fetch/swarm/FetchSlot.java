package dev.peerget.fetch.swarm;

import java.nio.file.Path;

/**
 * One file of a fetch: where it stands and, once done, where it came from and where it is. Guarded by the fetch's
 * lock, except {@link #swarmComplete}.
 */
final class FetchSlot {
    enum State { SWARM, QUEUED, HTTP, DONE, FAILED }

    final FetchItem item;
    State state;
    boolean mirrorFailed;
    FetchSource source;
    Path file;
    String failure;
    boolean rejected;
    /** The engine has the whole file (its pieces verified); it waits for its turn to be admitted. */
    volatile boolean swarmComplete;

    FetchSlot(FetchItem item) {
        this.item = item;
    }
}
