package dev.peerget.fetch.torrent;

import java.util.Objects;

/**
 * One real (non-pad) file of a repository torrent.
 *
 * @param index the file's index in the torrent's file list, pad files counted (what libtorrent's file
 *     priorities are indexed by)
 * @param path the path relative to the repository root, with {@code /} separators (as in the mirror's HTTP tree)
 * @param size the size in bytes
 */
public record TorrentFile(int index, String path, long size) {
    public TorrentFile {
        Objects.requireNonNull(path, "path");
        if (index < 0 || size < 0) {
            throw new IllegalArgumentException("negative index or size for " + path);
        }
    }
}
