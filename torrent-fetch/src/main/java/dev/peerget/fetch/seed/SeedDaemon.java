package dev.peerget.fetch.seed;

import dev.peerget.fetch.torrent.EngineConfig;
import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineProcess;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The seeding daemon: serves the torrents handed over by installs ({@link SeedControl#handOff}) until each
 * reaches its ratio or its time, then exits when nothing is left (seed 000: "fork() to continue serving the
 * torrent in the background until a fair ratio has been served to the network, or a reasonable time window has
 * been completed").
 *
 * <p>It is a supervisor without native code: libtorrent runs in an {@link EngineProcess} child, which the daemon
 * restarts from resume data if it dies (a few times, then it gives up and exits). It holds {@code daemon.lock}
 * for its whole life (one daemon per state directory), answers {@link SeedControl}'s commands on
 * {@code control.sock}, seeds only files that are still there, and writes what it uploaded back into the entries
 * so a restarted daemon continues the count. Run as {@code java ... SeedDaemon STATE_DIR}, detached.
 */
public final class SeedDaemon {
    private static final long TICK_MILLIS = 1000;
    private static final int MAX_RESTARTS = 5;

    private final Path stateDir;
    private final Path torrentsDir;
    private final Path resumeDir;
    private final PrintStream log;
    private final Map<String, Seeding> seeding = new ConcurrentHashMap<>();
    private final Object engineLock = new Object();
    private SeedPolicy policy;
    private EngineProcess engine;
    private volatile boolean engineDied;
    private volatile boolean stopRequested;
    private volatile boolean reloadRequested = true;
    private boolean exiting;
    private int restarts;

    /** A torrent in the session: its entry, and what this engine session has uploaded on top of it. */
    private static final class Seeding {
        volatile SeedEntry entry;
        /** Uploaded in earlier sessions (from the entry when this session took it). */
        final long base;
        volatile String name = "";
        volatile long sessionUploaded;
        volatile int peers;
        volatile boolean failed;

        Seeding(SeedEntry entry) {
            this.entry = entry;
            this.base = entry.uploaded();
        }

        long uploaded() {
            return base + sessionUploaded;
        }
    }

    private SeedDaemon(Path stateDir, PrintStream log) {
        this.stateDir = stateDir;
        this.torrentsDir = stateDir.resolve(SeedControl.TORRENTS);
        this.resumeDir = stateDir.resolve("resume");
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]).toAbsolutePath();
        PrintStream log = System.out;
        int code = new SeedDaemon(stateDir, log).run();
        System.exit(code);
    }

    private int run() throws IOException, InterruptedException {
        Files.createDirectories(stateDir);
        try (FileChannel lockChannel = FileChannel.open(stateDir.resolve(SeedControl.LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                log("another seeding daemon runs for " + stateDir + "; exiting");
                return 0;
            }
            Files.writeString(stateDir.resolve(SeedControl.PID), ProcessHandle.current().pid() + "\n");
            Path socket = stateDir.resolve(SeedControl.SOCKET);
            Files.deleteIfExists(socket);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                Thread control = new Thread(() -> serve(server), "seed-control");
                control.setDaemon(true);
                control.start();
                log("seeding daemon started (pid " + ProcessHandle.current().pid() + ")");
                loop();
            } finally {
                closeEngine();
                Files.deleteIfExists(socket);
                Files.deleteIfExists(stateDir.resolve(SeedControl.PID));
                log("seeding daemon exits");
            }
        }
        return 0;
    }

    private void loop() throws IOException, InterruptedException {
        while (!stopRequested) {
            if (reloadRequested) {
                reloadRequested = false;
                reload();
            }
            if (engineDied) {
                if (++restarts > MAX_RESTARTS) {
                    log("the torrent engine died " + MAX_RESTARTS + " times; giving up");
                    return;
                }
                log("the torrent engine died; restarting it from resume data");
                synchronized (engineLock) {
                    engine = null;
                }
                engineDied = false;
                for (Seeding s : seeding.values()) {
                    persist(s.entry.withUploaded(s.uploaded()));
                }
                seeding.clear();
                reload();
            }
            retireFinished();
            synchronized (this) {
                if (seeding.isEmpty() && !reloadRequested) {
                    // From here on RELOAD is refused, so a hand-off racing with this exit starts a new daemon.
                    exiting = true;
                    log("nothing left to seed");
                    return;
                }
            }
            Thread.sleep(TICK_MILLIS);
        }
    }

    /** Adds every entry of torrents/ that is not in the session yet. */
    private void reload() throws IOException {
        policy = SeedPolicy.read(stateDir);
        List<SeedEntry> entries = new ArrayList<>();
        if (Files.isDirectory(torrentsDir)) {
            try (Stream<Path> files = Files.list(torrentsDir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".seed"))::iterator) {
                    try {
                        entries.add(SeedEntry.read(f));
                    } catch (IOException e) {
                        log("ignoring " + f + ": " + e.getMessage());
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
        for (SeedEntry e : entries) {
            Seeding current = seeding.get(e.infoHash());
            if (current != null && current.entry.fileIndexes().containsAll(e.fileIndexes())
                    && current.entry.since().equals(e.since())) {
                continue;
            }
            List<Integer> present = presentFiles(e);
            if (present.isEmpty()) {
                log(e.infoHash() + ": none of its files is in the cache any more; not seeding it");
                SeedEntry.update(torrentsDir, e.infoHash(), onDisk -> null);
                continue;
            }
            EngineProcess eng = engine();
            if (eng == null) {
                return;
            }
            Seeding s = current != null ? current : new Seeding(e);
            if (current != null) {
                // The merged entry from disk: its files and bytes; the upload count stays this session's.
                s.entry = e;
            }
            try {
                s.name = RepositoryTorrent.read(e.torrentFile()).name();
            } catch (RuntimeException ex) {
                s.name = e.infoHash();
            }
            seeding.put(e.infoHash(), s);
            Files.createDirectories(resumeDir);
            eng.add(EngineProcess.Add.of(e.infoHash(), e.torrentFile(), e.saveDir()).withFiles(present)
                    .withResumeData(resumeDir.resolve(e.infoHash() + ".resume")));
            log("seeding " + s.name + " (" + e.infoHash() + "): " + present.size() + " files");
        }
    }

    /** The entry's files that are still on disk (a user may have cleaned the cache). */
    private List<Integer> presentFiles(SeedEntry e) {
        RepositoryTorrent torrent;
        try {
            torrent = RepositoryTorrent.read(e.torrentFile());
        } catch (RuntimeException ex) {
            return List.of();
        }
        List<Integer> present = new ArrayList<>();
        for (var f : torrent.files()) {
            if (e.fileIndexes().contains(f.index())) {
                Path data = e.saveDir().resolve(torrent.name()).resolve(f.path());
                try {
                    if (Files.isRegularFile(data) && Files.size(data) == f.size()) {
                        present.add(f.index());
                    }
                } catch (IOException ex) {
                    // Unreadable: not seeded.
                }
            }
        }
        return present;
    }

    private void retireFinished() throws IOException {
        Instant now = Instant.now();
        for (Seeding s : List.copyOf(seeding.values())) {
            SeedEntry e = s.entry.withUploaded(s.uploaded());
            boolean ratioReached = e.fetchedBytes() > 0 && e.ratio() >= policy.ratio();
            boolean timeUp = !now.isBefore(e.since().plus(policy.time()));
            if (ratioReached || timeUp || s.failed) {
                log(String.format("done seeding %s: uploaded %d bytes, ratio %.2f%s", s.name, e.uploaded(),
                        e.fetchedBytes() == 0 ? 0.0 : e.ratio(),
                        s.failed ? " (its data is gone)" : timeUp ? " (seed_time reached)" : " (seed_ratio reached)"));
                EngineProcess eng = engine;
                if (eng != null && eng.isAlive()) {
                    eng.remove(e.infoHash());
                }
                seeding.remove(e.infoHash());
                SeedEntry.update(torrentsDir, e.infoHash(), onDisk ->
                        onDisk != null && !onDisk.since().equals(s.entry.since()) ? onDisk : null);
                Files.deleteIfExists(resumeDir.resolve(e.infoHash() + ".resume"));
            } else {
                persist(e);
            }
        }
    }

    private void persist(SeedEntry e) throws IOException {
        // A hand-off may have merged more files into the entry since it was read: keep its files and time.
        SeedEntry.update(torrentsDir, e.infoHash(), onDisk -> onDisk == null ? null
                : new SeedEntry(e.infoHash(), onDisk.torrentFile(), onDisk.saveDir(), onDisk.fileIndexes(),
                        onDisk.fetchedBytes(), Math.max(onDisk.uploaded(), e.uploaded()), onDisk.since()));
    }

    private EngineProcess engine() {
        synchronized (engineLock) {
            if (engine == null) {
                try {
                    engine = EngineProcess.start(EngineConfig.of(policy.cacheDir(), policy.listenInterfaces(),
                            policy.localOnly()), this::onEvent);
                    engine.setRateLimits((int) Math.min(Integer.MAX_VALUE, policy.uploadLimit()), 0);
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

    private void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.Progress p) {
            Seeding s = seeding.get(p.id());
            if (s != null) {
                s.sessionUploaded = p.uploaded();
                s.peers = p.peers();
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
        synchronized (engineLock) {
            if (engine != null) {
                for (Seeding s : seeding.values()) {
                    try {
                        persist(s.entry.withUploaded(s.uploaded()));
                    } catch (IOException e) {
                        log("cannot record " + s.entry.infoHash() + ": " + e.getMessage());
                    }
                }
                engine.close();
                engine = null;
            }
        }
    }

    // ---- control socket --------------------------------------------------------------------------------------

    private void serve(ServerSocketChannel server) {
        while (true) {
            try (SocketChannel client = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8));
                String command = in.readLine();
                OutputStream out = Channels.newOutputStream(client);
                out.write(answer(command == null ? "" : command.strip()).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private String answer(String command) {
        switch (command) {
            case "STATUS" -> {
                StringBuilder b = new StringBuilder();
                Instant now = Instant.now();
                for (Seeding s : seeding.values()) {
                    SeedEntry e = s.entry;
                    long left = Math.max(0, Duration.between(now, e.since().plus(policy.time())).toSeconds());
                    b.append(String.join("\t", "TORRENT", e.infoHash(), s.name.replace('\t', ' '),
                            Integer.toString(e.fileIndexes().size()), Long.toString(e.fetchedBytes()),
                            Long.toString(s.uploaded()), Integer.toString(s.peers), Long.toString(left))).append('\n');
                }
                return b.toString();
            }
            case "RELOAD" -> {
                synchronized (this) {
                    if (exiting) {
                        return "ERROR exiting\n";
                    }
                    reloadRequested = true;
                    return "OK\n";
                }
            }
            case "STOP" -> {
                stopRequested = true;
                return "OK\n";
            }
            default -> {
                return "ERROR unknown command\n";
            }
        }
    }

    private void log(String message) {
        log.println(Instant.now() + " " + message);
        log.flush();
    }
}
