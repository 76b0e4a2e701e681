package dev.peerget.engine.mirror;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One torrent a seeding session serves.
 *
 * @param id          what it is called in status lines: its index, {@code dists/SUITE} or {@code repodata}
 * @param torrentFile the published {@code .torrent}
 * @param name        the torrent's name
 * @param infoHash    its info hash, hex
 * @param files       how many package files it holds
 * @param bytes       their total size
 * @param saveDir     the directory handed to the engine: {@code saveDir/name} is the repository root
 */
public record SeededTorrent(String id, Path torrentFile, String name, String infoHash, int files, long bytes,
        Path saveDir) {
    public SeededTorrent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(torrentFile, "torrentFile");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(saveDir, "saveDir");
    }
}
