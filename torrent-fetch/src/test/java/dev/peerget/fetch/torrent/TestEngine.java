package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@link EngineProcess} on 127.0.0.1 for tests: its events in a queue, and its libtorrent alerts in a log
 * whose tail is shown when an await times out (the log is what explains a peer that never connects).
 */
final class TestEngine implements AutoCloseable {
    static final long DEADLINE_SECONDS = 60;
    private static final int LOG_LINES = 60;

    final String name;
    final EngineProcess process;
    final BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
    private final Path alertLog;
    private final List<EngineEvent> seen = new ArrayList<>();

    private TestEngine(String name, EngineConfig config) {
        this.name = name;
        this.alertLog = config.alertLog();
        this.process = EngineProcess.start(config, event -> {
            events.add(event);
            if (config.alertLog() != null) {
                try {
                    // Interleaved with the alerts, so that the log shows what the parent heard when.
                    Files.writeString(config.alertLog(), System.currentTimeMillis() + " EVENT " + event + "\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    /**
     * An engine named {@code name} sharing {@code dir}/cache. Its alert log goes to
     * target/engine-logs/TEMPDIR-NAME.log, outside the temporary directory, so that it is still there to read
     * after a failed test (the test's own output names the temporary directory).
     */
    static TestEngine start(Path dir, String name) {
        Path logs = Path.of("target/engine-logs").toAbsolutePath();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestEngine(name, EngineConfig.of(dir.resolve("cache"), "127.0.0.1:0", true)
                .withAlertLog(logs.resolve(dir.getFileName() + "-" + name + ".log")));
    }

    /** Like {@link #start} without an alert log, which costs a line per piece checked (benchmarks). */
    static TestEngine startQuiet(Path dir, String name) {
        return new TestEngine(name, EngineConfig.of(dir.resolve("cache"), "127.0.0.1:0", true));
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", process.listenPort());
    }

    /** The first event matching {@code wanted}, failing on errors, deaths and the deadline. */
    EngineEvent await(Predicate<EngineEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            EngineEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                fail("%s: no awaited event within %d s; last events %s; last alerts:%n%s", name, DEADLINE_SECONDS,
                        seen, alertTail());
            }
            seen.add(event);
            if (seen.size() > 8) {
                seen.remove(0);
            }
            if (wanted.test(event)) {
                return event;
            }
            assertThat(event).as("%s, alerts:%n%s", name, alertTail())
                    .isNotInstanceOfAny(EngineEvent.Error.class, EngineEvent.Died.class);
        }
    }

    EngineEvent.Progress awaitProgress(String id, Predicate<EngineEvent.Progress> wanted)
            throws InterruptedException {
        return (EngineEvent.Progress) await(e -> e instanceof EngineEvent.Progress p && p.id().equals(id)
                && wanted.test(p));
    }

    void awaitFinished(String id) throws InterruptedException {
        await(e -> e instanceof EngineEvent.Finished f && f.id().equals(id));
    }

    /** A PROGRESS of {@code id} asked for now. */
    EngineEvent.Progress status(String id) throws InterruptedException {
        events.clear();
        process.requestStatus(id);
        return awaitProgress(id, p -> true);
    }

    /**
     * A PROGRESS of {@code id} once its byte counts stopped moving: libtorrent adds a connection's bytes to its
     * torrent once a second, so a status taken right at FINISHED may lack the last ones.
     */
    EngineEvent.Progress settledStatus(String id) throws InterruptedException {
        EngineEvent.Progress before = status(id);
        while (true) {
            Thread.sleep(1_100);
            EngineEvent.Progress now = status(id);
            if (now.downloaded() == before.downloaded() && now.uploaded() == before.uploaded()) {
                return now;
            }
            before = now;
        }
    }

    private String alertTail() {
        if (alertLog == null) {
            return "(no alert log)";
        }
        try {
            List<String> lines = Files.readAllLines(alertLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
        } catch (IOException e) {
            return "(no alert log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.close();
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes of {@code file}, 0 when it does not exist. */
    static long sizeOrZero(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0L;
    }
}
