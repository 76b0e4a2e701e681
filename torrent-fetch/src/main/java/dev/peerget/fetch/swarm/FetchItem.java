package dev.peerget.fetch.swarm;

import dev.peerget.model.Checksum;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One package file to fetch.
 *
 * @param label what progress lines call it, e.g. {@code pg-hello 1.0-1 amd64}
 * @param checksum the digest from the signed index (SHA-256 or SHA-512): the file must have it
 * @param size the size from the signed index
 * @param mirrors URLs of the file, best first; tried in order when one fails (mirror failover)
 * @param torrent where the file is in its repository's torrent, or null when the repository publishes none
 */
public record FetchItem(String label, Checksum checksum, long size, List<URI> mirrors, TorrentSlot torrent) {
    public FetchItem {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(checksum, "checksum");
        mirrors = List.copyOf(mirrors);
        if (mirrors.isEmpty() && torrent == null) {
            throw new IllegalArgumentException(label + ": no mirror URL and no torrent to fetch it from");
        }
    }
}
