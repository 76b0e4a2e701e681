package dev.peerget.engine.mirror;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code mirror seed} is asked to do.
 *
 * @param root           the repository root whose published torrents are seeded
 * @param listen         libtorrent's listen interfaces, e.g. {@code 0.0.0.0:6881}; port 0 picks a free one
 * @param localOnly      no DHT, local peer discovery, UPnP or NAT-PMP: peers come from trackers and web seeds
 * @param stateDir       where the torrent engine keeps its native library and peerget its links to the root
 * @param statusInterval how often a status line per torrent is reported
 */
public record SeedRequest(Path root, String listen, boolean localOnly, Path stateDir, Duration statusInterval) {
    public SeedRequest {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(statusInterval, "statusInterval");
        if (statusInterval.isNegative() || statusInterval.isZero()) {
            throw new IllegalArgumentException("status interval must be positive: " + statusInterval);
        }
    }
}
