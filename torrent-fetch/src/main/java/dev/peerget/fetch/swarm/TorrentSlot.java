package dev.peerget.fetch.swarm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A package file's place in a repository torrent.
 *
 * @param torrentFile the verified .torrent (from the repository's signed index)
 * @param infoHash the torrent's info hash, hex
 * @param name the torrent's name: files are saved under {@code saveDir/name/path}
 * @param fileIndex the file's index in the torrent (pad files counted)
 * @param path the file's path inside the torrent
 */
public record TorrentSlot(Path torrentFile, String infoHash, String name, int fileIndex, String path) {
    public TorrentSlot {
        Objects.requireNonNull(torrentFile, "torrentFile");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
