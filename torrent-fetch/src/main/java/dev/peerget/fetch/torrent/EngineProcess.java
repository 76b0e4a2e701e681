package dev.peerget.fetch.torrent;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.torrent.internal.EngineProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A libtorrent session running in a child JVM, driven over its stdin/stdout ({@code internal.EngineProtocol}).
 *
 * <p>Why a child: libtorrent4j's native library replaces the JVM's SIGSEGV/SIGBUS handlers, and JVMs running it
 * died with a bare "Segmentation fault". Started with {@code LD_PRELOAD=$JAVA_HOME/lib/server/libjsig.so} (the
 * JVM's signal-chaining library) and POSIX disk I/O it survives; and if it still crashes, only the child dies:
 * the listener gets {@link EngineEvent.Died} and the caller can fall back to HTTP.
 *
 * <p>The child is killed when {@link #close()} is called, when this JVM exits (a shutdown hook), and it exits by
 * itself when its stdin closes. It runs in {@link EngineConfig#cacheDir()}, so whatever a crashing JVM or native
 * library writes to its working directory lands there, never in the directory the CLI was started in; the JVM's
 * crash report is {@code engine-crash-PID.log} there, and core dumps are off.
 *
 * <p>Methods are thread-safe; events arrive on one reader thread. Commands are handled in the order sent.
 */
public final class EngineProcess implements AutoCloseable {
    private static final int STDERR_LINES = 40;
    private static final long STOP_GRACE_SECONDS = 10;

    private final Process process;
    private final Path crashReport;
    private final Writer stdin;
    private final EngineListener listener;
    private final Thread shutdownHook;
    /** Makes the class-data-sharing archive after {@link #close()} when this child started without one. */
    private final AtomicReference<Runnable> trainArchive;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private volatile boolean closing;
    /** A torrent was added with a resume file, which the child writes on STOP. */
    private volatile boolean resumeData;

    private EngineProcess(Process process, Runnable trainArchive, Path crashReport, EngineListener listener) {
        this.process = process;
        this.trainArchive = new AtomicReference<>(trainArchive);
        this.crashReport = crashReport;
        this.listener = listener;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.shutdownHook = new Thread(process::destroyForcibly, "engine-process-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the child and waits until its session listens; throws if it cannot start. */
    public static EngineProcess start(EngineConfig config, EngineListener listener) {
        Path cacheDir = config.cacheDir().toAbsolutePath();
        EngineLauncher.Launch launch = EngineLauncher.start(config, cacheDir);
        Process process = launch.process();
        EngineProcess engine = new EngineProcess(process, launch.trainArchive(),
                cacheDir.resolve("engine-crash-" + process.pid() + ".log"), listener);
        engine.startReaders();
        try {
            engine.ready.get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            engine.kill();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new FetchException("the torrent engine did not start: " + cause.getMessage() + engine.stderrSuffix(),
                    null, cause, FetchException.Reason.FAILED);
        } catch (InterruptedException e) {
            engine.kill();
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while starting the torrent engine", null, e,
                    FetchException.Reason.FAILED);
        }
        return engine;
    }

    /** The TCP port the session listens on. */
    public int listenPort() {
        return ready.join();
    }

    /** The child's process id, for diagnostics. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * What to add to the session.
     *
     * @param id the caller's name for the torrent in events and commands (no tab or line break)
     * @param torrent the .torrent file
     * @param saveDir where the torrent's top directory goes; a seeder passes the directory holding the complete
     *     data and selects every file: libtorrent checks the data and seeds it
     * @param fileIndexes torrent file indexes ({@link TorrentFile#index()}) to download; empty for every file
     * @param peers peers to connect to directly (besides the torrent's trackers and web seeds), by IP address:
     *     the engine does not resolve host names
     * @param resumeData libtorrent resume data: read when the file exists and belongs to this torrent, so that the
     *     data is not hashed again; written on {@link #close()}; null for none
     */
    public record Add(String id, Path torrent, Path saveDir, Set<Integer> fileIndexes, List<InetSocketAddress> peers,
            Path resumeData) {
        public Add {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(torrent, "torrent");
            Objects.requireNonNull(saveDir, "saveDir");
            fileIndexes = Set.copyOf(fileIndexes);
            peers = List.copyOf(peers);
        }

        /** Every file of {@code torrent} into {@code saveDir}, no explicit peers, no resume data. */
        public static Add of(String id, Path torrent, Path saveDir) {
            return new Add(id, torrent, saveDir, Set.of(), List.of(), null);
        }

        public Add withFiles(Collection<Integer> indexes) {
            return new Add(id, torrent, saveDir, Set.copyOf(indexes), peers, resumeData);
        }

        public Add withPeers(List<InetSocketAddress> addresses) {
            return new Add(id, torrent, saveDir, fileIndexes, addresses, resumeData);
        }

        public Add withResumeData(Path file) {
            return new Add(id, torrent, saveDir, fileIndexes, peers, file);
        }
    }

    /**
     * Adds a torrent; {@link EngineEvent.Added} follows, or {@link EngineEvent.Error}. Adding the same torrent
     * again under the same id adds {@code fileIndexes} to its selection ({@link EngineEvent.Finished} is reported
     * again once those are complete).
     */
    public void add(Add add) {
        if (add.resumeData() != null) {
            resumeData = true;
        }
        String indexes = add.fileIndexes().isEmpty() ? EngineProtocol.ALL
                : add.fileIndexes().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        String peerList = add.peers().isEmpty() ? EngineProtocol.NONE
                : add.peers().stream().map(EngineProcess::peer).collect(Collectors.joining(","));
        send(EngineProtocol.line(EngineProtocol.ADD, add.id(), add.torrent().toAbsolutePath().toString(),
                add.saveDir().toAbsolutePath().toString(), indexes, peerList,
                add.resumeData() == null ? EngineProtocol.NONE : add.resumeData().toAbsolutePath().toString()));
    }

    /** host:port, [v6]:port; libtorrent takes IP addresses, so a resolved address goes as its IP. */
    private static String peer(InetSocketAddress address) {
        String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** {@link #add(Add)} with the files at {@code fileIndexes} (all when empty) and {@code peers}. */
    public void add(String id, Path torrent, Path saveDir, Collection<Integer> fileIndexes,
            List<InetSocketAddress> peers) {
        add(Add.of(id, torrent, saveDir).withFiles(fileIndexes).withPeers(peers));
    }

    /** Files of torrent {@code id} that are no longer wanted (fetched elsewhere): out of its selection. */
    public void deselect(String id, Collection<Integer> fileIndexes) {
        if (fileIndexes.isEmpty()) {
            return;
        }
        send(EngineProtocol.line(EngineProtocol.DESELECT, id,
                fileIndexes.stream().sorted().map(String::valueOf).collect(Collectors.joining(","))));
    }

    /**
     * The pieces of file {@code fileIndex} of torrent {@code id} that no connected peer has may be fetched from
     * {@code url} (the file's mirror URL) by HTTP byte ranges; they count as {@link EngineEvent.Progress#webSeedBytes}.
     */
    public void fetchMissingPiecesFrom(String id, int fileIndex, java.net.URI url) {
        send(EngineProtocol.line(EngineProtocol.HTTP, id, Integer.toString(fileIndex), url.toString()));
    }

    /**
     * {@code file}, readable by the engine's user, is a complete copy of file {@code fileIndex} of torrent
     * {@code id}: its pieces go into the torrent, so that peers can have them now (libtorrent checks each
     * piece's hash).
     */
    public void offer(String id, int fileIndex, Path file) {
        send(EngineProtocol.line(EngineProtocol.OFFER, id, Integer.toString(fileIndex),
                file.toAbsolutePath().toString()));
    }

    /** Asks for an immediate {@link EngineEvent.Progress} of torrent {@code id}. */
    public void requestStatus(String id) {
        send(EngineProtocol.line(EngineProtocol.STATUS, id));
    }

    /**
     * Writes torrent {@code id}'s resume data to {@code file} now; {@link EngineEvent.Saved} follows, or
     * {@link EngineEvent.SaveFailed}.
     */
    public void saveResumeData(String id, Path file) {
        send(EngineProtocol.line(EngineProtocol.SAVE, id, file.toAbsolutePath().toString()));
    }

    /**
     * Takes torrent {@code id} out of the session, keeping its files; {@link EngineEvent.Removed} follows (after the
     * answer to a {@link #saveResumeData} sent before).
     */
    public void remove(String id) {
        send(EngineProtocol.line(EngineProtocol.REMOVE, id));
    }

    /**
     * Takes torrent {@code id} out of the session and deletes its files (those the engine wrote, in its save
     * directory); {@link EngineEvent.Removed} follows. For a download whose files were copied elsewhere.
     */
    public void removeAndDeleteFiles(String id) {
        send(EngineProtocol.line(EngineProtocol.REMOVE, id, EngineProtocol.DELETE));
    }

    /**
     * Session-wide payload rate limits in bytes per second, 0 for unlimited. They cover every peer, loopback and
     * LAN ones included.
     */
    public void setRateLimits(int uploadBytesPerSecond, int downloadBytesPerSecond) {
        if (uploadBytesPerSecond < 0 || downloadBytesPerSecond < 0) {
            throw new IllegalArgumentException("negative rate limit");
        }
        send(EngineProtocol.line(EngineProtocol.LIMITS, Integer.toString(uploadBytesPerSecond),
                Integer.toString(downloadBytesPerSecond)));
    }

    /**
     * Stops the session cleanly, saving the resume data of torrents added with a resume file (waiting up to 10 s in
     * all), then kills the child if it is still there. Without resume data to save, the child is killed at once:
     * nothing it holds is needed any more (a fetch's files are in the cache; a partial download is checked again
     * when added), and a clean stop of the session costs libtorrent4j 750 ms and the JVM's exit. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        try {
            if (process.isAlive() && resumeData) {
                send(EngineProtocol.STOP);
                stdin.close();
                process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (IOException | FetchException e) {
            // Already gone: killed below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            kill();
        }
        // After the child, so that the training never competes with it; only for a child that did start.
        Runnable train = trainArchive.getAndSet(null);
        if (train != null && ready.isDone() && !ready.isCompletedExceptionally()) {
            train.run();
        }
    }

    private void kill() {
        closing = true;
        process.destroyForcibly();
        try {
            process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // This JVM is shutting down: the hook runs anyway.
        }
    }

    private synchronized void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new FetchException("the torrent engine (pid " + process.pid() + ") is not running" + stderrSuffix(),
                    null, e, FetchException.Reason.FAILED);
        }
    }

    private void startReaders() {
        Thread out = new Thread(this::readEvents, "engine-events-" + process.pid());
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(this::readStderr, "engine-stderr-" + process.pid());
        err.setDaemon(true);
        err.start();
    }

    private void readEvents() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                EngineEvent event = parse(EngineProtocol.fields(line));
                if (event != null) {
                    listener.onEvent(event);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Treated as the end of the child below.
        }
        int exit;
        try {
            process.waitFor();
            exit = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ready.completeExceptionally(new IOException("engine exited with status " + exit));
        if (!closing) {
            listener.onEvent(new EngineEvent.Died(exit, stderrTail(), Files.isRegularFile(crashReport) ? crashReport
                    : null));
        }
    }

    private EngineEvent parse(List<String> f) {
        return switch (f.get(0)) {
            case EngineProtocol.READY -> {
                ready.complete(Integer.parseInt(f.get(1)));
                yield null;
            }
            case EngineProtocol.ADDED -> new EngineEvent.Added(f.get(1), f.get(2));
            case EngineProtocol.PROGRESS -> new EngineEvent.Progress(f.get(1), Long.parseLong(f.get(2)),
                    Long.parseLong(f.get(3)), Long.parseLong(f.get(4)), Long.parseLong(f.get(5)), f.get(6),
                    Long.parseLong(f.get(7)), Integer.parseInt(f.get(8)));
            case EngineProtocol.TRACKER -> new EngineEvent.TrackerReply(f.get(1), Integer.parseInt(f.get(2)),
                    Integer.parseInt(f.get(3)), Integer.parseInt(f.get(4)));
            case EngineProtocol.FILE -> new EngineEvent.FileCompleted(f.get(1), Integer.parseInt(f.get(2)));
            case EngineProtocol.FINISHED -> new EngineEvent.Finished(f.get(1));
            case EngineProtocol.SAVED -> new EngineEvent.Saved(f.get(1), Path.of(f.get(2)));
            case EngineProtocol.UNSAVED -> new EngineEvent.SaveFailed(f.get(1), Path.of(f.get(2)), f.get(3));
            case EngineProtocol.REMOVED -> new EngineEvent.Removed(f.get(1));
            case EngineProtocol.ERROR -> {
                if (!ready.isDone() && f.get(1).equals(EngineProtocol.NONE)) {
                    ready.completeExceptionally(new IOException(f.get(2)));
                }
                yield new EngineEvent.Error(f.get(1).equals(EngineProtocol.NONE) ? null : f.get(1), f.get(2));
            }
            case EngineProtocol.STOPPED -> null;
            default -> {
                // Not ours: the JVM itself writes fatal error reports ("# A fatal error ...") to stdout.
                keepOutput(String.join("\t", f));
                yield null;
            }
        };
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                keepOutput(line);
            }
        } catch (IOException e) {
            // The child is gone.
        }
    }

    private void keepOutput(String line) {
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_LINES) {
                stderrTail.removeFirst();
            }
            stderrTail.addLast(line);
        }
    }

    private String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private String stderrSuffix() {
        String tail = stderrTail();
        return tail.isEmpty() ? "" : "; its last output:\n" + tail;
    }
}
