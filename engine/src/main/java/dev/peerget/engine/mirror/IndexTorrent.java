package dev.peerget.engine.mirror;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The torrent published for one signed index: an apt suite's Release or a yum repository's repomd.xml.
 *
 * @param index        what it belongs to, relative to the repository root: {@code dists/SUITE} or {@code repodata}
 * @param torrentFile  the {@code .torrent} in the repository
 * @param infoHash     its v1 info hash, hex
 * @param files        how many package files it holds
 * @param bytes        their total size
 * @param pieceLength  its piece length in bytes
 * @param changedFiles files this run wrote (the torrent, the index), empty when it was already up to date
 * @param dataFile     the signed index ({@code Release}, {@code repomd.xml})
 * @param skipped      packages left out, with why
 */
public record IndexTorrent(String index, Path torrentFile, String infoHash, int files, long bytes, int pieceLength,
        List<Path> changedFiles, Path dataFile, List<String> skipped) {
    public IndexTorrent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(torrentFile, "torrentFile");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(dataFile, "dataFile");
        changedFiles = List.copyOf(changedFiles);
        skipped = List.copyOf(skipped);
    }

    public boolean changed() {
        return !changedFiles.isEmpty();
    }
}
