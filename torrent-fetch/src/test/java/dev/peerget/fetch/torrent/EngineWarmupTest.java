package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Engines started ahead of a fetch: real child JVMs with libtorrent, on 127.0.0.1 only. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineWarmupTest {
    @TempDir
    Path dir;

    private EngineConfig config() {
        return EngineConfig.of(dir.resolve("cache"), "127.0.0.1:0", true);
    }

    @Test
    void theTakerGetsTheWarmedEngineAndItsEventsAndItDownloads() throws Exception {
        Path repo = TorrentCreatorTest.generate(dir.resolve("seed/repo"), 4, 200_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        Path torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
        AtomicInteger configsMade = new AtomicInteger();
        try (TestEngine seeder = TestEngine.start(dir, "seeder");
                EngineWarmup warmup = EngineWarmup.start(() -> {
                    configsMade.incrementAndGet();
                    return config();
                })) {
            seeder.process.add("repo", torrentFile, dir.resolve("seed"), List.of(), List.of());
            seeder.awaitFinished("repo");
            BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();

            EngineProcess engine = warmup.take(config(), events::add).orElseThrow();
            try {
                assertThat(engine.isAlive()).isTrue();
                assertThat(engine.listenPort()).isPositive();
                assertThat(warmup.take(config(), e -> { })).as("taken once").isEmpty();
                engine.add("repo", torrentFile, dir.resolve("leech"), List.of(),
                        List.of(new java.net.InetSocketAddress("127.0.0.1", seeder.process.listenPort())));
                EngineEvent finished;
                do {
                    finished = events.poll(60, TimeUnit.SECONDS);
                    assertThat(finished).as("an event within 60 s").isNotNull();
                    assertThat(finished).isNotInstanceOfAny(EngineEvent.Error.class, EngineEvent.Died.class);
                } while (!(finished instanceof EngineEvent.Finished));
                for (TorrentFile f : torrent.files()) {
                    assertThat(Files.size(dir.resolve("leech").resolve(torrent.name()).resolve(f.path())))
                            .isEqualTo(f.size());
                }
            } finally {
                engine.close();
            }
            assertThat(configsMade).hasValue(1);
        }
    }

    @Test
    void anEngineStartedWithAnotherConfigurationIsStoppedAndNotHandedOut() throws Exception {
        Set<Long> before = engineChildren();
        try (EngineWarmup warmup = EngineWarmup.start(this::config)) {
            ProcessHandle engine = awaitNewEngineChild(before);
            EngineConfig other = EngineConfig.of(dir.resolve("other-cache"), "127.0.0.1:0", true);
            assertThat(warmup.take(other, e -> { })).isEmpty();
            await(() -> !engine.isAlive(), "the engine's exit");
        }
    }

    @Test
    void closingAnUntakenWarmupStopsItsEngine() throws Exception {
        Set<Long> before = engineChildren();
        EngineWarmup warmup = EngineWarmup.start(this::config);
        ProcessHandle engine = awaitNewEngineChild(before);
        warmup.close();
        await(() -> !engine.isAlive(), "the engine's exit");
        assertThat(warmup.take(config(), e -> { })).as("closed").isEmpty();
    }

    @Test
    void aConfigurationThatCannotBeMadeLeavesNothingToTake() {
        try (EngineWarmup warmup = EngineWarmup.start(() -> {
            throw new IllegalStateException("no engine user");
        })) {
            assertThat(warmup.take(config(), e -> { })).isEmpty();
        }
    }

    /** The process ids of this JVM's engine children. */
    private static Set<Long> engineChildren() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("EngineMain"))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static ProcessHandle awaitNewEngineChild(Set<Long> before) throws InterruptedException {
        await(() -> !newPids(before).isEmpty(), "a new engine child process");
        return ProcessHandle.of(newPids(before).iterator().next()).orElseThrow();
    }

    private static Set<Long> newPids(Set<Long> before) {
        Set<Long> now = new HashSet<>(engineChildren());
        now.removeAll(before);
        return now;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 30 s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
