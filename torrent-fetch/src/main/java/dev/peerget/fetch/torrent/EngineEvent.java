package dev.peerget.fetch.torrent;

import java.nio.file.Path;

/** What the engine child process reports. A closed set: switch over it. */
public sealed interface EngineEvent {
    /** A torrent was added to the session under {@code id} (or, added again, had files added to its selection). */
    record Added(String id, String infoHash) implements EngineEvent {}

    /**
     * Status of one torrent: downloaded payload split by source, upload, progress of the selected files and
     * libtorrent's state ({@code CHECKING_FILES}, {@code DOWNLOADING}, {@code FINISHED}, {@code SEEDING}, ...,
     * or {@code PAUSED}). Byte counts are since the torrent was added to this engine; libtorrent moves them from
     * its connections to the torrent once a second, so they may lag the transfer (and FINISHED) by that much.
     *
     * <p>{@code peerBytes + webSeedBytes} is libtorrent's payload total; the split is sampled from live connections a
     * few times a second, so bytes of a web seed that disconnects between samples may be counted as peer bytes.
     *
     * @param uploaded payload bytes sent to peers
     * @param peers connected BitTorrent peers (web seeds not counted)
     */
    record Progress(String id, long peerBytes, long webSeedBytes, long wantedDone, long wanted, String state,
            long uploaded, int peers) implements EngineEvent {
        public long downloaded() {
            return peerBytes + webSeedBytes;
        }

        public boolean seeding() {
            return state.equals("SEEDING");
        }
    }

    /** A file (torrent index, never a pad file) is complete and its pieces verified. */
    record FileCompleted(String id, int index) implements EngineEvent {}

    /** Every selected file of the torrent is complete (a seeder gets this after checking its data). */
    record Finished(String id) implements EngineEvent {}

    /** Resume data of torrent {@code id} was written to {@code file}. */
    record Saved(String id, Path file) implements EngineEvent {}

    /** Torrent {@code id} left the session; its files were kept. */
    record Removed(String id) implements EngineEvent {}

    /** Something failed; {@code id} is null when not about one torrent. */
    record Error(String id, String message) implements EngineEvent {}

    /**
     * The child process ended without being asked to: crashed (libtorrent runs native code), was killed, or
     * exited on its own. {@code stderrTail} holds its last lines of standard error; {@code crashReport} is the
     * JVM's fatal error report when it wrote one, else null.
     */
    record Died(int exitCode, String stderrTail, Path crashReport) implements EngineEvent {}
}
