package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        try (EngineWarmup warmup = EngineWarmup.start(this::config)) {
            EngineConfig other = EngineConfig.of(dir.resolve("other-cache"), "127.0.0.1:0", true);
            assertThat(warmup.take(other, e -> { })).isEmpty();
            awaitNoEngineChild();
        }
    }

    @Test
    void closingAnUntakenWarmupStopsItsEngine() throws Exception {
        EngineWarmup warmup = EngineWarmup.start(this::config);
        awaitEngineChild();
        warmup.close();
        awaitNoEngineChild();
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

    private static long engineChildren() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("EngineMain")).count();
    }

    private static void awaitEngineChild() throws InterruptedException {
        await(() -> engineChildren() == 1, "an engine child process");
    }

    private static void awaitNoEngineChild() throws InterruptedException {
        await(() -> engineChildren() == 0, "no engine child process");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 30 s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
