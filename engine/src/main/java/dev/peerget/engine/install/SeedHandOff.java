package dev.peerget.engine.install;

import dev.peerget.engine.EngineContext;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.fetch.Privileges;
import dev.peerget.engine.config.Settings;
import dev.peerget.fetch.seed.ProcessSeedLauncher;
import dev.peerget.fetch.seed.SeedControl;
import dev.peerget.fetch.seed.SeedEntry;
import dev.peerget.fetch.seed.SeedLauncher;
import dev.peerget.fetch.seed.SeedPolicy;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.fetch.swarm.FetchSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * After a transaction that fetched from torrents: hands the fetched files to the seeding daemon (started detached
 * when none runs), unless {@code seed = off}. A failure here never fails the install: it becomes a notice.
 */
public final class SeedHandOff {
    private final EngineContext context;

    public SeedHandOff(EngineContext context) {
        this.context = context;
    }

    /** The daemon's state directory of this root. */
    public static Path stateDir(EngineContext context) {
        return context.layout().seedStateDir();
    }

    /** Returns how many torrents were handed over. */
    public int handOff(FetchReport report, TransactionListener listener) {
        Settings s = context.settings();
        if (!s.flag(Setting.SEED) || !s.flag(Setting.TORRENT) || report.seedable().isEmpty()) {
            return 0;
        }
        List<SeedEntry> entries = new ArrayList<>();
        Instant now = context.clock().instant();
        for (FetchReport.Seedable seedable : report.seedable()) {
            long fetched = report.fetched().stream()
                    .filter(f -> f.source() != FetchSource.CACHE && f.item().torrent() != null
                            && f.item().torrent().infoHash().equals(seedable.infoHash()))
                    .mapToLong(f -> f.item().size()).sum();
            if (fetched > 0) {
                entries.add(new SeedEntry(seedable.infoHash(), seedable.torrentFile(), seedable.saveDir(),
                        seedable.fileIndexes(), fetched, 0, now));
            }
        }
        if (entries.isEmpty()) {
            return 0;
        }
        try {
            boolean local = !s.flag(Setting.DHT) && !s.flag(Setting.LOCAL_PEER_DISCOVERY);
            SeedPolicy policy = new SeedPolicy(Double.parseDouble(s.get(Setting.SEED_RATIO)),
                    s.duration(Setting.SEED_TIME), s.getLong(Setting.UPLOAD_RATE_LIMIT),
                    // A directory of the daemon's own for the engine's native library, working directory and crash
                    // reports: it may run as another user than this process.
                    s.get(Setting.LISTEN_INTERFACES), local, context.layout().seedStateDir().resolve("engine"));
            Path state = Files.createDirectories(stateDir(context));
            boolean started = new SeedControl(state).handOff(entries, policy, launcher(entries));
            listener.seeding(entries.size(), started);
            return entries.size();
        } catch (IOException | RuntimeException e) {
            listener.notice("cannot start seeding: " + e.getMessage());
            return 0;
        }
    }

    /** As root: the daemon runs as {@value Privileges#USER}, owning only its state and the swarm data. */
    private SeedLauncher launcher(List<SeedEntry> entries) throws IOException {
        if (!Privileges.isRoot()) {
            return ProcessSeedLauncher.sameUser();
        }
        Privileges.ensureUser();
        Path cacheDir = context.layout().cacheDir();
        String classPath = Privileges.readableClassPath(cacheDir);
        List<String> chown = Privileges.chownToUser();
        for (SeedEntry e : entries) {
            // Directories only: the package files stay root's (they share their inode with the package cache), so
            // the engine can read and seed them but never change what a later install takes from the cache.
            Privileges.giveDirectories(e.saveDir());
        }
        return new ProcessSeedLauncher(Path.of(System.getProperty("java.home")), classPath,
                Privileges.runAsUser(), chown);
    }
}
