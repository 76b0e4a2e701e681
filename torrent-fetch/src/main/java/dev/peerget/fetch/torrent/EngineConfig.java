package dev.peerget.fetch.torrent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start an {@link EngineProcess}.
 *
 * @param cacheDir where the native library is extracted (under {@code native/})
 * @param listenInterfaces libtorrent's {@code listen_interfaces}, e.g. {@code 0.0.0.0:6881} or {@code 127.0.0.1:0}
 *     (port 0: any free port, reported by {@link EngineProcess#listenPort()})
 * @param localOnly DHT, local peer discovery, UPnP and NAT-PMP off and several connections per IP allowed: peers
 *     come only from the torrent's trackers, web seeds and explicit addresses (loopback tests, mirrors)
 * @param javaHome the JDK or JRE that runs the child; it must have {@code lib/server/libjsig.so}
 * @param startTimeout how long the child may take to start listening
 */
public record EngineConfig(Path cacheDir, String listenInterfaces, boolean localOnly, Path javaHome,
        Duration startTimeout) {
    public EngineConfig {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(listenInterfaces, "listenInterfaces");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** Listening on {@code listenInterfaces}, run by the current JVM's Java, 30 s to start. */
    public static EngineConfig of(Path cacheDir, String listenInterfaces, boolean localOnly) {
        return new EngineConfig(cacheDir, listenInterfaces, localOnly, Path.of(System.getProperty("java.home")),
                Duration.ofSeconds(30));
    }
}
