package dev.peerget.fetch.torrent;

/** What the engine child process reports. A closed set: switch over it. */
public sealed interface EngineEvent {
    /** A torrent was added to the session under {@code id}. */
    record Added(String id, String infoHash) implements EngineEvent {}

    /**
     * Download progress of one torrent. {@code peerBytes + webSeedBytes} is libtorrent's payload total; the split
     * is sampled from live connections a few times a second, so bytes of a web seed that disconnects between
     * samples may be counted as peer bytes.
     */
    record Progress(String id, long peerBytes, long webSeedBytes, long wantedDone, long wanted, String state)
            implements EngineEvent {
        public long downloaded() {
            return peerBytes + webSeedBytes;
        }
    }

    /** A selected file is complete and its pieces verified. */
    record FileCompleted(String id, int index) implements EngineEvent {}

    /** Every selected file of the torrent is complete (a seeder gets this after checking its data). */
    record Finished(String id) implements EngineEvent {}

    /** Something failed; {@code id} is null when not about one torrent. */
    record Error(String id, String message) implements EngineEvent {}

    /**
     * The child process ended without being asked to: crashed (libtorrent runs native code), was killed, or
     * exited on its own. {@code stderrTail} holds its last lines of standard error.
     */
    record Died(int exitCode, String stderrTail) implements EngineEvent {}
}
