package dev.peerget.fetch.torrent;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.torrent.internal.EngineMain;
import dev.peerget.fetch.torrent.internal.EngineProtocol;
import dev.peerget.fetch.torrent.internal.NativeLibrary;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * itself when its stdin closes. Methods are thread-safe; events arrive on one reader thread.
 */
public final class EngineProcess implements AutoCloseable {
    private static final int STDERR_LINES = 40;
    private static final long STOP_GRACE_SECONDS = 10;

    private final Process process;
    private final Writer stdin;
    private final EngineListener listener;
    private final Thread shutdownHook;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private volatile boolean closing;

    private EngineProcess(Process process, EngineListener listener) {
        this.process = process;
        this.listener = listener;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.shutdownHook = new Thread(process::destroyForcibly, "engine-process-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the child and waits until its session listens; throws if it cannot start. */
    public static EngineProcess start(EngineConfig config, EngineListener listener) {
        Path jsig = config.javaHome().resolve("lib/server/libjsig.so");
        Path java = config.javaHome().resolve("bin/java");
        if (!Files.isRegularFile(jsig) || !Files.isExecutable(java)) {
            throw new FetchException("cannot start the torrent engine: " + config.javaHome()
                    + " has no bin/java or lib/server/libjsig.so", "use a full JDK or JRE (HotSpot server VM)", null,
                    FetchException.Reason.FAILED);
        }
        Path library;
        try {
            library = NativeLibrary.extract(config.cacheDir());
        } catch (IOException e) {
            throw new FetchException("cannot extract libtorrent4j's native library into " + config.cacheDir() + ": "
                    + e.getMessage(), null, e, FetchException.Reason.FAILED);
        }
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-Dlibtorrent4j.jni.path=" + library,
                // A crash report goes next to the library, not into whatever directory the CLI was started in.
                "-XX:ErrorFile=" + config.cacheDir().toAbsolutePath().resolve("engine-crash-%p.log"),
                "-cp", NativeLibrary.engineClasses() + File.pathSeparator + NativeLibrary.javaJar(),
                EngineMain.class.getName(), config.listenInterfaces()));
        if (config.localOnly()) {
            command.add("local");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LD_PRELOAD", jsig.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FetchException("cannot start the torrent engine (" + java + "): " + e.getMessage(), null, e,
                    FetchException.Reason.FAILED);
        }
        EngineProcess engine = new EngineProcess(process, listener);
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
     * Adds a torrent whose files go under {@code saveDir}: only the files at {@code fileIndexes} (torrent indexes,
     * {@link TorrentFile#index()}), or every file when empty. A seeder passes the directory holding the complete
     * data and no indexes: libtorrent checks the data and seeds it. {@code peers} are connected to directly.
     */
    public void add(String id, Path torrent, Path saveDir, Collection<Integer> fileIndexes,
            List<InetSocketAddress> peers) {
        String indexes = fileIndexes.isEmpty() ? EngineProtocol.ALL
                : fileIndexes.stream().map(String::valueOf).collect(Collectors.joining(","));
        String peerList = peers.isEmpty() ? EngineProtocol.NONE
                : peers.stream().map(p -> p.getHostString() + ":" + p.getPort()).collect(Collectors.joining(","));
        send(EngineProtocol.line(EngineProtocol.ADD, id, torrent.toAbsolutePath().toString(),
                saveDir.toAbsolutePath().toString(), indexes, peerList));
    }

    /** Asks for an immediate {@link EngineEvent.Progress} of torrent {@code id}. */
    public void requestStatus(String id) {
        send(EngineProtocol.line(EngineProtocol.STATUS, id));
    }

    /** Stops the session cleanly (waiting up to 10 s), then kills the child if it is still there. Idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            if (process.isAlive()) {
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
            listener.onEvent(new EngineEvent.Died(exit, stderrTail()));
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
                    Long.parseLong(f.get(3)), Long.parseLong(f.get(4)), Long.parseLong(f.get(5)), f.get(6));
            case EngineProtocol.FILE -> new EngineEvent.FileCompleted(f.get(1), Integer.parseInt(f.get(2)));
            case EngineProtocol.FINISHED -> new EngineEvent.Finished(f.get(1));
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
