package dev.peerget.fetch.swarm;

import dev.peerget.fetch.torrent.EngineConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a fetch balances the swarm against the mirrors.
 *
 * @param useTorrents fetch from repository torrents at all (off: plain HTTP, as apt and dnf do)
 * @param engine how to start the torrent engine process
 * @param swarmDir where torrent data is saved, one directory per info hash (kept for seeding)
 * @param swarmWait how long the swarm alone gets before mirrors may take over torrent files
 * @param minSwarmRate below this many bytes per second (after {@code swarmWait}) idle HTTP connections take files
 *     away from the swarm, one at a time, from the end of the list
 * @param httpConnections parallel HTTP transfers
 * @param swarmStall a file that no mirror could serve fails when the swarm made no progress for this long
 * @param peers peers to connect to directly besides the trackers' (tests, a LAN cache)
 */
public record FetchPolicy(boolean useTorrents, EngineConfig engine, Path swarmDir, Duration swarmWait,
        long minSwarmRate, int httpConnections, Duration swarmStall, List<InetSocketAddress> peers) {
    public FetchPolicy {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(swarmDir, "swarmDir");
        Objects.requireNonNull(swarmWait, "swarmWait");
        Objects.requireNonNull(swarmStall, "swarmStall");
        peers = List.copyOf(peers);
        if (httpConnections < 1) {
            throw new IllegalArgumentException("httpConnections must be at least 1");
        }
    }

    /** The directory a torrent's data is saved under (the torrent's name is the next level). */
    public Path saveDir(String infoHash) {
        return swarmDir.resolve(infoHash);
    }
}
