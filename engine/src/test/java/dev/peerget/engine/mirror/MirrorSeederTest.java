package dev.peerget.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.engine.ToolLocator;
import dev.peerget.fetch.torrent.EngineConfig;
import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineProcess;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentFile;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirror seed} with real libtorrent sessions in child JVMs, over 127.0.0.1 only. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MirrorSeederTest {
    private static final long DEADLINE_SECONDS = 60;
    private static final String HELLO = "pool/main/p/pg-hello/pg-hello_1.0-1_amd64.deb";

    @TempDir
    Path dir;
    private FixtureRepos fixtures;
    private final TorrentPublisher publisher = new TorrentPublisher(ToolLocator.fromPath(System.getenv("PATH")),
            Clock.systemUTC());

    @BeforeEach
    void setUp() {
        fixtures = FixtureRepos.get().copyTo(dir.resolve("repos"));
    }

    private SeedRequest seed(Path root) {
        return new SeedRequest(root, "127.0.0.1:0", true, dir.resolve("state"), Duration.ofMillis(200));
    }

    /** Seeds the apt fixture and lets a second engine fetch one package from it, from that peer only. */
    @Test
    void aLeecherGetsASelectedPackageFromTheSeeder() throws Exception {
        Path apt = fixtures.aptRoot();
        publisher.publish(PublishRequest.of(apt));
        Path torrentFile = apt.resolve("dists/stable/peerget.torrent");
        RepositoryTorrent torrent = RepositoryTorrent.read(torrentFile);
        TorrentFile hello = torrent.file(HELLO).orElseThrow();
        List<String> statuses = new CopyOnWriteArrayList<>();
        SeedListener listener = new SeedListener() {
            @Override
            public void status(SeededTorrent t, String state, long verified, long downloaded) {
                statuses.add(t.id() + " " + state + " " + verified + "/" + t.bytes() + " " + downloaded);
            }
        };

        try (SeedSession session = MirrorSeeder.start(seed(apt), listener)) {
            assertThat(session.torrents()).singleElement().satisfies(t -> {
                assertThat(t.id()).isEqualTo("dists/stable");
                assertThat(t.saveDir()).isEqualTo(apt.toRealPath().getParent());
                assertThat(t.infoHash()).isEqualTo(torrent.infoHash());
            });
            Runner runner = new Runner(session);
            awaitState(session, "dists/stable", "SEEDING");
            awaitTrue(() -> statuses.contains("dists/stable SEEDING " + torrent.totalSize() + "/"
                    + torrent.totalSize() + " 0"), () -> statuses.toString());

            BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
            try (EngineProcess leecher = EngineProcess.start(EngineConfig.of(dir.resolve("leecher"), "127.0.0.1:0",
                    true), events::add)) {
                leecher.add("apt", torrentFile, dir.resolve("leech"), List.of(hello.index()),
                        List.of(new InetSocketAddress("127.0.0.1", session.port())));
                await(events, e -> e instanceof EngineEvent.Finished);
            }
            assertThat(dir.resolve("leech/apt/" + HELLO)).hasSameBinaryContentAs(apt.resolve(HELLO));
            runner.stop();
        }
    }

    /** BEP 19 with a real client: no peer at all, the package comes from the mirror's own HTTP tree. */
    @Test
    void aClientFetchesFromTheWebSeedTheMirrorPublished() throws Exception {
        Path apt = fixtures.aptRoot();
        try (StaticHttpServer server = StaticHttpServer.serve(fixtures.root())) {
            publisher.publish(PublishRequest.of(apt).withWebSeeds(List.of(server.baseUri().resolve("apt/")
                    .toString())));
            Path torrentFile = apt.resolve("dists/stable/peerget.torrent");
            TorrentFile hello = RepositoryTorrent.read(torrentFile).file(HELLO).orElseThrow();
            BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
            // peerget's own fetches leave web seeds to other clients (they fetch what no peer has themselves);
            // libtorrent with web seeds on is the BEP 19 client here.
            try (EngineProcess client = EngineProcess.start(EngineConfig.of(dir.resolve("client"), "127.0.0.1:0",
                    true).withWebSeeds(), events::add)) {
                client.add("apt", torrentFile, dir.resolve("got"), List.of(hello.index()), List.of());
                await(events, e -> e instanceof EngineEvent.Finished);
            }
            // No peer exists, so the bytes came from the web seed: the server saw the request at NAME/PATH.
            // (Progress.webSeedBytes is sampled from live connections and misses a web seed done in one go.)
            assertThat(dir.resolve("got/apt/" + HELLO)).hasSameBinaryContentAs(apt.resolve(HELLO));
            assertThat(server.hits("apt/" + HELLO)).isPositive();
        }
    }

    @Test
    void aTorrentNamedOtherThanTheDirectoryIsSeededThroughALink() throws Exception {
        Path yum = fixtures.yumRoot();
        publisher.publish(new PublishRequest(yum, "centos", List.of(), List.of(), TorrentFormat.V1, null, null));
        try (SeedSession session = MirrorSeeder.start(seed(yum), SeedListener.NONE)) {
            SeededTorrent t = session.torrents().get(0);
            assertThat(t.id()).isEqualTo("repodata");
            assertThat(t.saveDir()).startsWith(dir.resolve("state/seed"));
            assertThat(Files.readSymbolicLink(t.saveDir().resolve("centos"))).isEqualTo(yum.toRealPath());
            Runner runner = new Runner(session);
            awaitState(session, "repodata", "SEEDING");
            runner.stop();
        }
    }

    @Test
    void aTorrentOlderThanTheRepositoryIsRefusedBeforeAnythingStarts() throws Exception {
        Path apt = fixtures.aptRoot();
        assertThatThrownBy(() -> MirrorSeeder.start(seed(apt), SeedListener.NONE))
                .isInstanceOf(MirrorException.class).hasMessageContaining("no torrent is published in " + apt)
                .extracting(e -> ((MirrorException) e).hint().orElseThrow()).asString()
                .contains("peerget mirror torrent " + apt);
        publisher.publish(PublishRequest.of(apt));
        Files.delete(apt.resolve(HELLO));
        assertThatThrownBy(() -> MirrorSeeder.start(seed(apt), SeedListener.NONE))
                .isInstanceOf(MirrorException.class)
                .hasMessageContaining("peerget.torrent is older than the repository").hasMessageContaining(HELLO);
        assertThat(dir.resolve("state")).doesNotExist();
    }

    /** {@link SeedSession#run} on a thread of its own, as the CLI runs it until a signal. */
    private static final class Runner {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Runner(SeedSession session) {
            thread = new Thread(() -> {
                try {
                    session.run(stop);
                } catch (InterruptedException | RuntimeException e) {
                    failure.set(e);
                }
            }, "seed-session");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.countDown();
            thread.join(10_000);
            assertThat(thread.isAlive()).as("run() returns when stopped").isFalse();
            assertThat(failure.get()).isNull();
        }
    }

    private static void awaitState(SeedSession session, String id, String state) throws InterruptedException {
        awaitTrue(() -> state.equals(session.state(id)), () -> id + " is " + session.state(id));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition,
            java.util.function.Supplier<String> describe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within %d s: %s", DEADLINE_SECONDS, describe.get()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The first event matching {@code wanted}, failing on errors, deaths and the deadline. */
    private static EngineEvent await(BlockingQueue<EngineEvent> events, Predicate<EngineEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        List<EngineEvent> seen = new java.util.ArrayList<>();
        while (true) {
            EngineEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(event).as("event within %d s after %s", DEADLINE_SECONDS, seen).isNotNull();
            seen.add(event);
            if (seen.size() > 8) {
                seen.remove(0);
            }
            if (wanted.test(event)) {
                return event;
            }
            assertThat(event).isNotInstanceOfAny(EngineEvent.Error.class, EngineEvent.Died.class);
        }
    }
}
