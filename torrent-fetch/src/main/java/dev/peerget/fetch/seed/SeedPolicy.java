package dev.peerget.fetch.seed;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the seeding daemon seeds: until each torrent reaches {@code ratio} or has been seeded for {@code time},
 * whichever comes first, uploading at most {@code uploadLimit} bytes per second (0: no limit).
 *
 * @param listenInterfaces libtorrent's listen_interfaces for the daemon's session
 * @param localOnly no DHT, local peer discovery, UPnP or NAT-PMP (see EngineConfig)
 */
public record SeedPolicy(double ratio, Duration time, long uploadLimit, String listenInterfaces, boolean localOnly) {
    public SeedPolicy {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(listenInterfaces, "listenInterfaces");
        if (listenInterfaces.isBlank() || listenInterfaces.contains(" ") || listenInterfaces.contains("\t")) {
            throw new IllegalArgumentException("bad listen_interfaces: '" + listenInterfaces + "'");
        }
    }

    /** As daemon arguments (and the fields of the control socket's POLICY line). */
    List<String> arguments() {
        return List.of(Double.toString(ratio), Long.toString(time.toSeconds()), Long.toString(uploadLimit),
                listenInterfaces, Boolean.toString(localOnly));
    }

    static SeedPolicy parse(List<String> fields) {
        if (fields.size() != 5) {
            throw new IllegalArgumentException("a seeding policy has 5 fields, not " + fields);
        }
        return new SeedPolicy(Double.parseDouble(fields.get(0)), Duration.ofSeconds(Long.parseLong(fields.get(1))),
                Long.parseLong(fields.get(2)), fields.get(3), Boolean.parseBoolean(fields.get(4)));
    }
}
