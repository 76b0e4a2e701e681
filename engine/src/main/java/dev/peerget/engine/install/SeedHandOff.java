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
    /** {@link #startEarly} started the daemon. */
    private boolean launchedEarly;

    public SeedHandOff(EngineContext context) {
        this.context = context;
    }

    /** The daemon's state directory of this root. */
    public static Path stateDir(EngineContext context) {
        return context.layout().seedStateDir();
    }

    /**
     * Right after a fetch, before the packages are installed: starts the seeding daemon (unless one runs) if the
     * hand-off will need one, so that it is up by then; a failure is left to the hand-off to report.
     */
    public void startEarly(FetchReport report) {
        if (entries(report).isEmpty() || !reachable()) {
            return;
        }
        try {
            launchedEarly = new SeedControl(stateDir(context)).start(policy(), launcher());
        } catch (IOException | RuntimeException e) {
            // The hand-off tries again, and says what went wrong.
        }
    }

    /** Returns how many torrents were handed over. */
    public int handOff(FetchReport report, TransactionListener listener) {
        List<SeedEntry> entries = entries(report);
        if (entries.isEmpty()) {
            return 0;
        }
        if (!reachable()) {
            listener.notice("not seeding: the seeding process runs as " + Privileges.USER + ", which cannot reach "
                    + context.layout().root());
            return 0;
        }
        try {
            boolean started = new SeedControl(stateDir(context)).handOff(entries, policy(), launcher());
            listener.seeding(entries.size(), started || launchedEarly);
            return entries.size();
        } catch (IOException | RuntimeException e) {
            listener.notice("cannot start seeding: " + e.getMessage());
            return 0;
        }
    }

    /** What the fetch got from torrents, per torrent; empty when there is nothing to seed or seeding is off. */
    private List<SeedEntry> entries(FetchReport report) {
        Settings s = context.settings();
        if (report == null || !s.flag(Setting.SEED) || !s.flag(Setting.TORRENT) || report.seedable().isEmpty()) {
            return List.of();
        }
        List<SeedEntry> entries = new ArrayList<>();
        Instant now = context.clock().instant();
        for (FetchReport.Seedable seedable : report.seedable()) {
            long fetched = report.fetched().stream()
                    .filter(f -> f.source() != FetchSource.CACHE && f.item().torrent() != null
                            && f.item().torrent().infoHash().equals(seedable.infoHash()))
                    .mapToLong(f -> f.item().size()).sum();
            if (fetched > 0) {
                entries.add(new SeedEntry(seedable.infoHash(), seedable.torrentFile(), seedable.files(), fetched, 0,
                        now));
            }
        }
        return entries;
    }

    private boolean reachable() {
        return !Privileges.isRoot() || Privileges.reachableByOthers(context.layout().root());
    }

    private SeedPolicy policy() {
        Settings s = context.settings();
        boolean local = !s.flag(Setting.DHT) && !s.flag(Setting.LOCAL_PEER_DISCOVERY);
        return new SeedPolicy(Double.parseDouble(s.get(Setting.SEED_RATIO)), s.duration(Setting.SEED_TIME),
                s.getLong(Setting.UPLOAD_RATE_LIMIT), s.get(Setting.LISTEN_INTERFACES), local);
    }

    /** As root the daemon runs as {@value Privileges#USER}, owning only its own directory. */
    private SeedLauncher launcher() {
        if (!Privileges.isRoot()) {
            return ProcessSeedLauncher.sameUser();
        }
        Privileges.ensureUser();
        return new ProcessSeedLauncher(Path.of(System.getProperty("java.home")),
                Privileges.readableClassPath(context.layout().cacheDir()), Privileges.runAsUser(), Privileges.USER);
    }
}
