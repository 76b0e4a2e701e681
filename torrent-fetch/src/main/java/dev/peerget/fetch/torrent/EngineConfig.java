package dev.peerget.fetch.torrent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start an {@link EngineProcess}.
 *
 * @param cacheDir where the native library is extracted (under {@code native/}); also the child's working
 *     directory, and where a crash report goes ({@code engine-crash-PID.log}): the child never writes to the
 *     directory the CLI was started in
 * @param listenInterfaces libtorrent's {@code listen_interfaces}, e.g. {@code 0.0.0.0:6881} or {@code 127.0.0.1:0}
 *     (port 0: any free port, reported by {@link EngineProcess#listenPort()})
 * @param localOnly DHT, local peer discovery, UPnP and NAT-PMP off, several connections per IP allowed, TCP only
 *     (no uTP): peers come only from the torrent's trackers, web seeds and explicit addresses (loopback tests,
 *     mirrors)
 * @param javaHome the JDK or JRE that runs the child; it must have {@code lib/server/libjsig.so}
 * @param startTimeout how long the child may take to start listening
 * @param alertLog a file the child appends every libtorrent alert to, peer and torrent logs included, or null
 *     (for diagnostics: it grows by megabytes a minute on a busy torrent)
 * @param runAs a command prefix that starts the child as another user (e.g. {@code setpriv --reuid=… --}); empty
 *     to run it as this process's user
 * @param classPath the child's class path, or null for this JVM's own (another user may not be able to read that)
 * @param webSeeds let libtorrent use the torrents' web seeds (BEP 19); off for peerget's own fetches, which take
 *     from the mirror only what no peer has (see {@code internal.RangeFetcher}); on to test a published web seed
 * @param classDataDir where the child's class-data-sharing archive is kept and made ({@link EngineArchive}),
 *     writable by the user the child runs as; null to start the child without one
 */
public record EngineConfig(Path cacheDir, String listenInterfaces, boolean localOnly, Path javaHome,
        Duration startTimeout, Path alertLog, List<String> runAs, String classPath, boolean webSeeds,
        Path classDataDir) {
    public EngineConfig {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(listenInterfaces, "listenInterfaces");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(startTimeout, "startTimeout");
        runAs = List.copyOf(runAs);
    }

    /**
     * The port of the first of {@code listenInterfaces} when it names one (not 0): where peers will reach the
     * engine, known before it starts.
     */
    public java.util.OptionalInt fixedListenPort() {
        String first = listenInterfaces.split(",", -1)[0].trim();
        int colon = first.lastIndexOf(':');
        try {
            int port = colon < 0 ? 0 : Integer.parseInt(first.substring(colon + 1));
            return port > 0 && port < 65536 ? java.util.OptionalInt.of(port) : java.util.OptionalInt.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * Listening on {@code listenInterfaces}, run by the current JVM's Java, 30 s to start, no alert log, no
     * class-data-sharing archive.
     */
    public static EngineConfig of(Path cacheDir, String listenInterfaces, boolean localOnly) {
        return new EngineConfig(cacheDir, listenInterfaces, localOnly, Path.of(System.getProperty("java.home")),
                Duration.ofSeconds(30), null, List.of(), null, false, null);
    }

    public EngineConfig withAlertLog(Path file) {
        return new EngineConfig(cacheDir, listenInterfaces, localOnly, javaHome, startTimeout, file, runAs, classPath,
                webSeeds, classDataDir);
    }

    /** The child runs through {@code prefix} (another user) with {@code path} as its class path. */
    public EngineConfig runningAs(List<String> prefix, String path) {
        return new EngineConfig(cacheDir, listenInterfaces, localOnly, javaHome, startTimeout, alertLog, prefix, path,
                webSeeds, classDataDir);
    }

    /** The same with libtorrent's use of web seeds (BEP 19) on. */
    public EngineConfig withWebSeeds() {
        return new EngineConfig(cacheDir, listenInterfaces, localOnly, javaHome, startTimeout, alertLog, runAs,
                classPath, true, classDataDir);
    }

    /**
     * The same with the child's class-data-sharing archive kept in {@code dir} (null: none), which the user the
     * child runs as must be able to write.
     */
    public EngineConfig withClassData(Path dir) {
        return new EngineConfig(cacheDir, listenInterfaces, localOnly, javaHome, startTimeout, alertLog, runAs,
                classPath, webSeeds, dir);
    }
}
