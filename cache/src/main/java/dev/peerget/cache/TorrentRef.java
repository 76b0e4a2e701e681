package dev.peerget.cache;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The torrent a repository publishes in its signed index, as the last successful update stored it: the
 * verified {@code .torrent} file kept on disk, its info hash and its name (the top directory its files are
 * saved under). Immutable.
 *
 * @param file     the stored {@code .torrent}, absolute; its content was checked against the signed index
 * @param infoHash the hex SHA-1 of the info dictionary (BitTorrent v1), lower case
 * @param name     the torrent's {@code name}
 */
public record TorrentRef(Path file, String infoHash, String name) {
    public TorrentRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(name, "name");
        infoHash = infoHash.toLowerCase(Locale.ROOT);
        if (!infoHash.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a v1 info hash: " + infoHash);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty torrent name for " + file);
        }
    }
}
