package dev.peerget.fetch.seed;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.torrent.EngineConfig;
import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineProcess;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seeding daemon: serves the torrents handed over by installs ({@link SeedControl#handOff}) until each
 * reaches its ratio or its time, then exits when nothing is left (seed 000: "fork() to continue serving the
 * torrent in the background until a fair ratio has been served to the network, or a reasonable time window has
 * been completed").
 *
 * <p>It is a supervisor without native code: libtorrent runs in an {@link EngineProcess} child, restarted if it
 * dies (a few times, then the daemon gives up), from the resume data a {@link ResumeKeeper} keeps current, so that
 * the new engine does not hash the files again. Everything it writes is in its own directory
 * ({@code run/}): lock, pid, control socket, entries, resume data, log, and {@code data/}, where each torrent's
 * files are symbolic links to the verified files of the package cache (read-only to it). It seeds only files the
 * cache still holds. Run as {@code java ... SeedDaemon RUN_DIR RATIO SECONDS UPLOAD_LIMIT LISTEN LOCAL}, detached.
 */
public final class SeedDaemon {
    private static final long TICK_MILLIS = 1000;
    private static final int MAX_RESTARTS = 5;
    /** How long a daemon without torrents waits for a hand-off before it exits. */
    private static final Duration IDLE = Duration.ofSeconds(20);
    /**
     * How often the resume data of a seeding torrent is saved again after the save that follows its check. What
     * matters for a restart, the pieces it has, does not change while it seeds; libtorrent's counters and peer
     * lists do.
     */
    private static final Duration RESUME_SAVE_INTERVAL = Duration.ofMinutes(5);

    private final Path runDir;
    /** Each torrent's files, as links to the package cache. */
    private final LinkTrees links;
    private final PrintStream log;
    private final ResumeKeeper resume;
    /** The torrents handed over, as on disk (the authority). */
    private final SeedEntries entries;
    /** The torrents in the engine session now. */
    private final Map<String, Seeding> seeding = new ConcurrentHashMap<>();
    private volatile SeedPolicy policy;
    private volatile EngineProcess engine;
    private volatile boolean engineDied;
    private volatile boolean stopRequested;
    private volatile boolean changed = true;
    private int restarts;

    /** A torrent in the session: its entry as added, and what this engine session has uploaded on top of it. */
    private static final class Seeding {
        volatile SeedEntry entry;
        /** Uploaded in earlier sessions (from the entry when this session took it). */
        final long base;
        volatile String name = "";
        volatile long sessionUploaded;
        volatile int peers;
        /** The engine's last reported state, logged when it changes: the log shows whether an engine checked. */
        volatile String state = "";
        volatile boolean failed;

        Seeding(SeedEntry entry) {
            this.entry = entry;
            this.base = entry.uploaded();
        }

        long uploaded() {
            return base + sessionUploaded;
        }
    }

    private SeedDaemon(Path runDir, SeedPolicy policy, PrintStream log) {
        this.runDir = runDir;
        this.policy = policy;
        this.log = log;
        this.resume = new ResumeKeeper(runDir.resolve("resume"), RESUME_SAVE_INTERVAL, this::log);
        this.entries = new SeedEntries(runDir.resolve("torrents"), this::log);
        this.links = new LinkTrees(runDir.resolve("data"), this::log);
    }

    public static void main(String[] args) throws Exception {
        Path runDir = Path.of(args[0]).toAbsolutePath();
        SeedPolicy policy = SeedPolicy.parse(Arrays.asList(args).subList(1, args.length));
        Files.createDirectories(runDir);
        try (PrintStream log = new PrintStream(Files.newOutputStream(runDir.resolve(SeedControl.LOG),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), true, StandardCharsets.UTF_8)) {
            System.exit(new SeedDaemon(runDir, policy, log).run());
        }
    }

    private int run() throws IOException, InterruptedException {
        try (FileChannel lockChannel = FileChannel.open(runDir.resolve(SeedControl.LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                log("another seeding daemon runs for " + runDir + "; exiting");
                return 0;
            }
            Files.writeString(runDir.resolve(SeedControl.PID), ProcessHandle.current().pid() + "\n");
            entries.load();
            Path socket = runDir.resolve(SeedControl.SOCKET);
            try (SeedControlServer control = SeedControlServer.start(socket, new Commands())) {
                log("seeding daemon started (pid " + ProcessHandle.current().pid() + ")");
                loop();
            } finally {
                closeEngine();
                Files.deleteIfExists(socket);
                Files.deleteIfExists(runDir.resolve(SeedControl.PID));
                log("seeding daemon exits");
            }
        }
        return 0;
    }

    private void loop() throws IOException, InterruptedException {
        while (!stopRequested) {
            if (engineDied) {
                if (++restarts > MAX_RESTARTS) {
                    log("the torrent engine died " + MAX_RESTARTS + " times; giving up");
                    return;
                }
                log("the torrent engine died; restarting it from resume data");
                synchronized (this) {
                    engine = null;
                }
                engineDied = false;
                resume.engineGone();
                for (Seeding s : seeding.values()) {
                    persistUpload(s);
                }
                seeding.clear();
                changed = true;
            }
            if (changed) {
                changed = false;
                addNew();
            }
            retireFinished();
            saveResumeData();
            // Done when everything handed over is retired, or when no hand-off came since the start.
            if (entries.closeIfDone(IDLE)) {
                // From here on ADD is refused: a hand-off racing with this exit starts a new daemon.
                log("nothing left to seed");
                return;
            }
            Thread.sleep(TICK_MILLIS);
        }
    }

    /** Adds to the engine what was handed over and is not in the session yet (or grew). */
    private void addNew() throws IOException {
        for (SeedEntry e : entries.all()) {
            Seeding current = seeding.get(e.infoHash());
            if (current != null && current.entry.files().keySet().containsAll(e.files().keySet())) {
                current.entry = e;
                continue;
            }
            RepositoryTorrent torrent;
            try {
                torrent = RepositoryTorrent.read(e.torrentFile());
            } catch (RuntimeException ex) {
                log(e.infoHash() + ": cannot read its torrent (" + ex.getMessage() + "); not seeding it");
                forget(e.infoHash());
                continue;
            }
            Path saveDir = links.saveDir(e.infoHash());
            List<Integer> present = links.layOut(e, torrent, saveDir);
            if (present.isEmpty()) {
                log(torrent.name() + ": none of its files is in the package cache any more; not seeding it");
                forget(e.infoHash());
                continue;
            }
            EngineProcess eng = engine();
            if (eng == null) {
                return;
            }
            // Logged before STATUS can show it, so the log never lags behind what status says.
            log("seeding " + torrent.name() + " (" + e.infoHash() + "): " + present.size() + " files");
            Seeding s = current != null ? current : new Seeding(e);
            s.entry = e;
            s.name = torrent.name();
            seeding.put(e.infoHash(), s);
            EngineProcess.Add add = EngineProcess.Add.of(e.infoHash(), e.torrentFile(), saveDir).withFiles(present);
            // A torrent new to this engine loads the resume data saved for exactly these files, if any; a growing
            // ADD names none, so that the engine's save on STOP stays under the name of the selection it began with.
            resume.adding(e.infoHash(), present);
            eng.add(current == null ? add.withResumeData(resume.fileFor(e.infoHash(), present)) : add);
        }
    }

    /** Sends the saves of resume data that are due (see {@link ResumeKeeper}). */
    private void saveResumeData() {
        EngineProcess eng = engine;
        if (eng == null || !eng.isAlive()) {
            return;
        }
        try {
            resume.tick(eng, Instant.now());
        } catch (FetchException e) {
            // The engine has just died: Died follows, and the restart starts from the files saved so far.
        }
    }

    private void retireFinished() throws IOException {
        Instant now = Instant.now();
        SeedPolicy p = policy;
        for (Seeding s : List.copyOf(seeding.values())) {
            SeedEntry e = s.entry.withUploaded(s.uploaded());
            boolean ratioReached = e.fetchedBytes() > 0 && e.ratio() >= p.ratio();
            boolean timeUp = !now.isBefore(e.since().plus(p.time()));
            if (ratioReached || timeUp || s.failed) {
                log(String.format("done seeding %s: uploaded %d bytes, ratio %.2f%s", s.name, e.uploaded(),
                        e.fetchedBytes() == 0 ? 0.0 : e.ratio(),
                        s.failed ? " (its data is gone)" : timeUp ? " (seed_time reached)" : " (seed_ratio reached)"));
                EngineProcess eng = engine;
                if (eng != null && eng.isAlive()) {
                    eng.remove(e.infoHash());
                }
                seeding.remove(e.infoHash());
                forget(e.infoHash());
            } else {
                persistUpload(s);
            }
        }
    }

    /** Drops a torrent: its entry, resume data and link tree (all in this daemon's own directory). */
    private void forget(String infoHash) throws IOException {
        entries.remove(infoHash);
        resume.forget(infoHash);
        links.delete(infoHash);
    }

    private void persistUpload(Seeding s) throws IOException {
        entries.recordUpload(s.entry.infoHash(), s.uploaded());
    }

    private EngineProcess engine() {
        synchronized (this) {
            if (engine == null) {
                SeedPolicy p = policy;
                try {
                    engine = EngineProcess.start(EngineConfig.of(runDir.resolve("engine"), p.listenInterfaces(),
                            p.localOnly()).withClassData(runDir.resolve("engine-cds")), this::onEvent);
                    engine.setRateLimits(uploadLimit(p), 0);
                    log("torrent engine pid " + engine.pid() + " listens on port " + engine.listenPort());
                } catch (RuntimeException e) {
                    log("cannot start the torrent engine: " + e.getMessage());
                    engineDied = true;
                    return null;
                }
            }
            return engine;
        }
    }

    private static int uploadLimit(SeedPolicy p) {
        return (int) Math.min(Integer.MAX_VALUE, p.uploadLimit());
    }

    /**
     * A hand-off's policy (peerget.conf may have changed since the daemon started): ratio and time apply at the
     * next tick, the upload limit to the running engine at once. A new listen address needs a new session: it
     * applies when the daemon starts again.
     */
    private void applyPolicy(SeedPolicy p) {
        synchronized (this) {
            SeedPolicy before = policy;
            policy = new SeedPolicy(p.ratio(), p.time(), p.uploadLimit(), before.listenInterfaces(),
                    before.localOnly());
            if (p.uploadLimit() != before.uploadLimit()) {
                log("upload limit now " + p.uploadLimit() + " bytes/s (0: none)");
                if (engine != null) {
                    try {
                        engine.setRateLimits(uploadLimit(p), 0);
                    } catch (FetchException e) {
                        // Dead: the engine started next takes the new policy.
                    }
                }
            }
        }
    }

    private void onEvent(EngineEvent event) {
        resume.onEvent(event);
        if (event instanceof EngineEvent.Progress p) {
            Seeding s = seeding.get(p.id());
            if (s != null) {
                s.sessionUploaded = p.uploaded();
                s.peers = p.peers();
                if (!p.state().equals(s.state)) {
                    s.state = p.state();
                    log(s.name + ": " + p.state() + ", " + p.wantedDone() + " of " + p.wanted() + " bytes");
                }
            }
        } else if (event instanceof EngineEvent.Error err) {
            log("torrent engine: " + (err.id() == null ? "" : err.id() + ": ") + err.message());
            Seeding s = err.id() == null ? null : seeding.get(err.id());
            if (s != null) {
                s.failed = true;
            }
        } else if (event instanceof EngineEvent.Died d) {
            log("torrent engine exited with status " + d.exitCode() + ": " + d.stderrTail());
            engineDied = true;
        }
    }

    private void closeEngine() {
        synchronized (this) {
            for (Seeding s : seeding.values()) {
                try {
                    persistUpload(s);
                } catch (IOException e) {
                    log("cannot record " + s.entry.infoHash() + ": " + e.getMessage());
                }
            }
            if (engine != null) {
                engine.close();
                engine = null;
            }
        }
    }

    // ---- control socket ----------------------------------------------------------------------------------------

    /** What the control socket's commands do to this daemon. */
    private final class Commands implements SeedControlServer.Commands {
        @Override
        public String status() {
            return SeedDaemon.this.status();
        }

        @Override
        public void policy(SeedPolicy p) {
            applyPolicy(p);
        }

        @Override
        public boolean add(SeedEntry e) throws IOException {
            if (!entries.add(e)) {
                return false;
            }
            changed = true;
            return true;
        }

        @Override
        public void stop() {
            stopRequested = true;
        }
    }

    private String status() {
        StringBuilder b = new StringBuilder();
        Instant now = Instant.now();
        for (Seeding s : seeding.values()) {
            SeedEntry e = s.entry;
            long left = Math.max(0, Duration.between(now, e.since().plus(policy.time())).toSeconds());
            b.append(String.join("\t", "TORRENT", e.infoHash(), s.name.replaceAll("[\t\r\n]", " "),
                    Integer.toString(e.files().size()), Long.toString(e.fetchedBytes()), Long.toString(s.uploaded()),
                    Integer.toString(s.peers), Long.toString(left))).append('\n');
        }
        return b.append("END\n").toString();
    }

    private void log(String message) {
        log.println(Instant.now() + " " + message.replaceAll("[\r\n]+", " "));
        log.flush();
    }
}
