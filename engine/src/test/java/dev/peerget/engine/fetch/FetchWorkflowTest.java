package dev.peerget.engine.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestGpg;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.ToolLocator;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.mirror.MirrorSeeder;
import dev.peerget.engine.mirror.PublishRequest;
import dev.peerget.engine.mirror.SeedListener;
import dev.peerget.engine.mirror.SeedRequest;
import dev.peerget.engine.mirror.SeedSession;
import dev.peerget.engine.mirror.TorrentFormat;
import dev.peerget.engine.mirror.TorrentPublisher;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.fetch.swarm.FetchItem;
import dev.peerget.fetch.swarm.FetchListener;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.fetch.swarm.FetchSource;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetch end to end: a mirror that publishes its torrent in the signed index, {@code update} that records it, and
 * the package files of a selection fetched from a seeding peer (the mirror's own seeder), or from the mirror when
 * there is no peer, all verified into the package cache.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FetchWorkflowTest {
    @TempDir
    Path root;
    @TempDir
    Path mirror;
    @TempDir
    Path work;
    FixtureRepos fixtures;
    private StaticHttpServer server;
    TestSystem system;

    /** The format the mirror publishes; {@link HybridFetchWorkflowTest} runs every test with hybrids. */
    TorrentFormat format() {
        return TorrentFormat.V1;
    }

    @BeforeEach
    void setUp() throws Exception {
        // As root the torrent engine runs as _peerget, which must be able to reach the root (JUnit's are private).
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        fixtures = FixtureRepos.get().copyTo(mirror);
        try (TestGpg gpg = TestGpg.withFixtureKey(fixtures, work.resolve("gpg"))) {
            TorrentPublisher publisher = new TorrentPublisher(ToolLocator.fromPath(System.getenv("PATH")),
                    Clock.systemUTC());
            for (Path repo : List.of(fixtures.aptRoot(), fixtures.yumRoot())) {
                publisher.publish(new PublishRequest(repo, null, List.of(), List.of(), format(),
                        gpg.fingerprint(), gpg.home()));
            }
        }
        server = StaticHttpServer.serve(fixtures.root());
        system = new TestSystem(root).fixtures(fixtures, server.baseUri())
                .set(Setting.LISTEN_INTERFACES, "127.0.0.1:0").set(Setting.DHT, "false")
                .set(Setting.LOCAL_PEER_DISCOVERY, "false");
        try (Peerget engine = system.engine()) {
            assertThat(engine.update(UpdateListener.NONE).anyFailed()).isFalse();
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private List<PackageRecord> debs(Peerget engine, String... names) {
        return java.util.Arrays.stream(names).map(n -> engine.queries().show(n).stream()
                .map(p -> p.record()).filter(r -> r.format() == PackageFormat.DEB).findFirst().orElseThrow())
                .toList();
    }

    @Test
    void aSeedingPeerServesTheSelectionAndTheMirrorOnlyTheIndexes() throws Exception {
        try (SeedSession seeder = MirrorSeeder.start(new SeedRequest(fixtures.aptRoot(), "127.0.0.1:0", true,
                work.resolve("seed-state"), Duration.ofMillis(200)), SeedListener.NONE)) {
            awaitSeeding(seeder);
            system.set(Setting.PEERS, "127.0.0.1:" + seeder.port()).set(Setting.SWARM_WAIT, "30s");
            long before = server.bytesServed();
            try (Peerget engine = system.engine()) {
                List<PackageRecord> wanted = debs(engine, "pg-hello", "pg-libgreet", "pg-data");
                List<FetchItem> items = engine.fetcher().items(wanted);
                assertThat(items).allSatisfy(i -> assertThat(i.torrent()).as(i.label()).isNotNull());
                FetchReport report = engine.fetcher().fetch(wanted, FetchListener.NONE);

                assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.PEERS);
                assertThat(server.bytesServed() - before).as("mirror bytes").isZero();
                for (FetchReport.Fetched f : report.fetched()) {
                    Path original = fixtures.aptRoot().resolve(f.item().torrent().path());
                    assertThat(f.file()).hasSameBinaryContentAs(original)
                            .startsWith(root.resolve("var/cache/peerget/packages"));
                }
                assertThat(report.seedable()).singleElement()
                        .satisfies(s -> assertThat(s.files()).hasSize(3));
            }
        }
    }

    @Test
    void withoutPeersTheMirrorServesAfterTheWaitAndTheFilesCanBeSeeded() throws Exception {
        system.set(Setting.SWARM_WAIT, "500ms");
        try (Peerget engine = system.engine()) {
            List<PackageRecord> wanted = debs(engine, "pg-hello", "pg-mta-a");
            long before = server.bytesServed();
            FetchReport report = engine.fetcher().fetch(wanted, FetchListener.NONE);
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.MIRROR);
            long sizes = wanted.stream().mapToLong(PackageRecord::size).sum();
            assertThat(server.bytesServed() - before).isEqualTo(sizes);
            FetchReport.Seedable seedable = report.seedable().get(0);
            for (FetchReport.Fetched f : report.fetched()) {
                assertThat(seedable.files().get(f.item().torrent().fileIndex())).isEqualTo(f.file());
            }
        }
    }

    @Test
    void aRootTheEngineUserCannotReachIsFetchedOverHttpWithANotice() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.peerget.engine.fetch.Privileges.isRoot(),
                "only root drops privileges");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Peerget engine = system.engine()) {
            FetchReport report = engine.fetcher().fetch(debs(engine, "pg-data"), new FetchListener() {
                @Override
                public void notice(String message) {
                    notices.add(message);
                }
            });
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.MIRROR);
            assertThat(notices).anyMatch(n -> n.contains("cannot reach " + root) && n.contains("mirror only"));
        }
    }

    @Test
    void aRepositoryWithoutATorrentNeedsNoEngineAndNoNoticeAboutIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.peerget.engine.fetch.Privileges.isRoot(),
                "only root drops privileges");
        Path plainRoot = Files.createDirectories(work.resolve("plain-root"));
        Files.setPosixFilePermissions(plainRoot, PosixFilePermissions.fromString("rwx------"));
        FixtureRepos plain = FixtureRepos.get().copyTo(work.resolve("plain-mirror"));
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StaticHttpServer plainServer = StaticHttpServer.serve(plain.root());
                Peerget engine = new TestSystem(plainRoot).fixtures(plain, plainServer.baseUri()).engine()) {
            assertThat(engine.update(UpdateListener.NONE).anyFailed()).isFalse();
            FetchReport report = engine.fetcher().fetch(debs(engine, "pg-data"), new FetchListener() {
                @Override
                public void notice(String message) {
                    notices.add(message);
                }
            });
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.MIRROR);
            assertThat(report.fetched()).allSatisfy(f -> assertThat(f.item().torrent()).isNull());
            assertThat(notices).as("the engine was never needed").isEmpty();
        }
    }

    @Test
    void torrentOffMeansPlainHttpAndNoEngine() throws Exception {
        system.set(Setting.TORRENT, "false");
        try (Peerget engine = system.engine()) {
            FetchReport report = engine.fetcher().fetch(debs(engine, "pg-data"), FetchListener.NONE);
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.MIRROR);
            assertThat(report.seedable()).isEmpty();
            assertThat(root.resolve("var/cache/peerget/swarm")).doesNotExist();
        }
    }

    private static void awaitSeeding(SeedSession seeder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (seeder.torrents().stream().allMatch(t -> "SEEDING".equals(seeder.state(t.id())))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the mirror's seeder never reached SEEDING");
    }
}
