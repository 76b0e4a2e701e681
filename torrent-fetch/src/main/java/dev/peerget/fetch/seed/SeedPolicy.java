package dev.peerget.fetch.seed;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the seeding daemon seeds: until each torrent reaches {@code ratio} or has been seeded for {@code time},
 * whichever comes first, uploading at most {@code uploadLimit} bytes per second (0: no limit).
 *
 * @param listenInterfaces libtorrent's listen_interfaces for the daemon's session
 * @param localOnly no DHT, local peer discovery, UPnP or NAT-PMP (see EngineConfig)
 * @param cacheDir where the engine's native library is extracted
 */
public record SeedPolicy(double ratio, Duration time, long uploadLimit, String listenInterfaces, boolean localOnly,
        Path cacheDir) {
    public SeedPolicy {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(listenInterfaces, "listenInterfaces");
        Objects.requireNonNull(cacheDir, "cacheDir");
    }

    static final String FILE = "daemon.properties";

    void write(Path stateDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("seed_ratio", Double.toString(ratio));
        p.setProperty("seed_time_seconds", Long.toString(time.toSeconds()));
        p.setProperty("upload_rate_limit", Long.toString(uploadLimit));
        p.setProperty("listen_interfaces", listenInterfaces);
        p.setProperty("local_only", Boolean.toString(localOnly));
        p.setProperty("cache_dir", cacheDir.toString());
        Path tmp = stateDir.resolve("." + FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "peerget seeding daemon settings (from peerget.conf)");
        }
        Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static SeedPolicy read(Path stateDir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(stateDir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new SeedPolicy(Double.parseDouble(p.getProperty("seed_ratio")),
                Duration.ofSeconds(Long.parseLong(p.getProperty("seed_time_seconds"))),
                Long.parseLong(p.getProperty("upload_rate_limit")), p.getProperty("listen_interfaces"),
                Boolean.parseBoolean(p.getProperty("local_only")), Path.of(p.getProperty("cache_dir")));
    }
}
