package dev.peerget.fetch.swarm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where verified files go: the package cache. {@link #admit} must check the file against the item's size and
 * digest and throw {@link Rejected} when it does not match; nothing unverified may ever be returned by {@link #cached}.
 */
public interface FetchSink {
    /** The verified file for {@code item} when it is already there. */
    Optional<Path> cached(FetchItem item);

    /**
     * Verifies {@code candidate} and takes it in; {@code keepSource} asks to leave the candidate where it is (a
     * torrent's data, still seeded), otherwise it is moved or deleted. Throws when the content does not match.
     */
    Path admit(FetchItem item, Path candidate, boolean keepSource) throws IOException;

    /**
     * Like {@link #admit} of a candidate that is moved, which this process wrote itself and hashed as it wrote it:
     * {@code digestHex} is the digest (of the item's checksum algorithm) of exactly those bytes, which the sink may
     * compare instead of reading the file again. By default the file is verified as by {@link #admit}.
     */
    default Path admitHashed(FetchItem item, Path candidate, String digestHex) throws IOException {
        return admit(item, candidate, false);
    }

    /** A directory on the sink's file system for partial downloads. */
    Path partialDir() throws IOException;

    /** Thrown by {@link #admit} when the content is not what the signed index describes. */
    final class Rejected extends IOException {
        private static final long serialVersionUID = 1L;

        public Rejected(String message) {
            super(message);
        }
    }
}
