package dev.peerget.engine.mirror;

/** Hears from a seeding session, on the session's threads: implementations must be thread-safe and quick. */
public interface SeedListener {
    SeedListener NONE = new SeedListener() { };

    /**
     * The periodic status of one torrent.
     *
     * @param torrent     which
     * @param state       libtorrent's state: {@code CHECKING_FILES} while it verifies the files, then {@code SEEDING}
     * @param verified    bytes of the torrent's files checked and available to peers
     * @param downloaded  bytes the seeder itself downloaded (0 for a complete repository)
     */
    default void status(SeededTorrent torrent, String state, long verified, long downloaded) {
    }

    /** Something went wrong with one torrent (null: the session), e.g. a file that cannot be read. */
    default void problem(SeededTorrent torrent, String message) {
    }
}
