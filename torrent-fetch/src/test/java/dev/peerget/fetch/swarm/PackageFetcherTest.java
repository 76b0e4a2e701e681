package dev.peerget.fetch.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.torrent.EngineConfig;
import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineProcess;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentCreator;
import dev.peerget.fetch.torrent.TorrentFile;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.testing.StaticHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm/mirror balance with real parts: a loopback HTTP server as the mirror (it counts the bytes it served),
 * real libtorrent engines in child processes as peers, and a sink that verifies like the package cache.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PackageFetcherTest {
    @TempDir
    Path dir;

    private Path repo;
    private RepositoryTorrent torrent;
    private Path torrentFile;

    private void repository(int files, int size) throws IOException {
        repo = dir.resolve("mirror/repo");
        Random random = new Random(files * 7L + size);
        for (int i = 0; i < files; i++) {
            Path file = repo.resolve("pool/main/p/pkg" + i + "_1.0_amd64.deb");
            Files.createDirectories(file.getParent());
            byte[] data = new byte[size / 2 + random.nextInt(size)];
            random.nextBytes(data);
            Files.write(file, data);
        }
        torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
    }

    private List<FetchItem> items(URI mirror, boolean withTorrent, int... indexes) throws IOException {
        List<FetchItem> out = new ArrayList<>();
        for (int i : indexes) {
            TorrentFile f = torrent.files().get(i);
            Path data = repo.resolve(f.path());
            out.add(new FetchItem(f.path(), new Checksum(HashAlgorithm.SHA256, sha256(data)), Files.size(data),
                    mirror == null ? List.of() : List.of(mirror.resolve("repo/" + f.path())),
                    withTorrent ? new TorrentSlot(torrentFile, torrent.infoHash(), torrent.name(), f.index(),
                            f.path()) : null));
        }
        return out;
    }

    private FetchPolicy policy(Duration swarmWait, List<InetSocketAddress> peers) {
        return new FetchPolicy(true, EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true),
                dir.resolve("client/swarm"), swarmWait, 64 * 1024, 4, Duration.ofSeconds(30), peers);
    }

    @Test
    void withoutATorrentEverythingComesFromTheMirror() throws Exception {
        repository(6, 200_000);
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1)) {
            List<FetchItem> items = items(mirror.baseUri(), false, 0, 2, 4);
            TestSink sink = new TestSink(dir.resolve("cache"));
            FetchReport report = new PackageFetcher(policy(Duration.ofSeconds(2), List.of()), http, sink)
                    .fetch(items, FetchListener.NONE);

            assertThat(report.failed()).isEmpty();
            long selected = items.stream().mapToLong(FetchItem::size).sum();
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.MIRROR);
            assertThat(mirror.bytesServed()).isEqualTo(selected);
            assertThat(report.totals().mirrorBytes()).isEqualTo(selected);
            sink.assertHolds(items);
            assertThat(dir.resolve("engine")).as("no torrent engine was started").doesNotExist();

            // A second fetch finds everything in the cache and transfers nothing.
            FetchReport again = new PackageFetcher(policy(Duration.ofSeconds(2), List.of()), http, sink)
                    .fetch(items, FetchListener.NONE);
            assertThat(again.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.CACHE);
            assertThat(mirror.bytesServed()).isEqualTo(selected);
        }
    }

    @Test
    void aStalePartialDownloadIsResumedThenDiscardedWhenItDoesNotMatch() throws Exception {
        repository(2, 100_000);
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 0)) {
            List<FetchItem> items = items(mirror.baseUri(), false, 0);
            TestSink sink = new TestSink(dir.resolve("cache"));
            // Left by an earlier run, but not a prefix of this file.
            Files.write(sink.partialDir().resolve(items.get(0).checksum().hex() + ".download.partial"),
                    new byte[1000]);
            FetchReport report = new PackageFetcher(policy(Duration.ofSeconds(2), List.of()), http, sink)
                    .fetch(items, FetchListener.NONE);
            assertThat(report.failed()).isEmpty();
            sink.assertHolds(items);
            assertThat(mirror.bytesServed()).as("the resumed rest, then the whole file")
                    .isEqualTo(items.get(0).size() - 1000 + items.get(0).size());
        }
    }

    @Test
    void aCorruptMirrorFileIsRejectedAndNothingIsCached() throws Exception {
        repository(3, 100_000);
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 0)) {
            List<FetchItem> items = items(mirror.baseUri(), false, 0, 1);
            mirror.inject("repo/" + torrent.files().get(1).path(), new StaticHttpServer.Fault.Corrupt());
            TestSink sink = new TestSink(dir.resolve("cache"));
            FetchReport report = new PackageFetcher(policy(Duration.ofSeconds(2), List.of()), http, sink)
                    .fetch(items, FetchListener.NONE);

            assertThat(report.fetched()).extracting(f -> f.item().label()).containsExactly(items.get(0).label());
            assertThat(report.failed()).singleElement().satisfies(f -> {
                assertThat(f.item()).isEqualTo(items.get(1));
                assertThat(f.reason()).contains("SHA256").contains("signed index");
                assertThat(f.rejected()).isTrue();
            });
            assertThat(sink.cached(items.get(1))).isEmpty();
            try (var partial = Files.list(sink.partialDir())) {
                assertThat(partial).as("no partial download left behind").isEmpty();
            }
        }
    }

    @Test
    void aTorrentNobodyCanBeFoundInGoesToTheMirrorAtOnce() throws Exception {
        repository(8, 150_000);
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1)) {
            List<FetchItem> items = items(mirror.baseUri(), true, 1, 3, 5, 7);
            TestSink sink = new TestSink(dir.resolve("cache"));
            List<String> notices = new CopyOnWriteArrayList<>();
            List<String> decisions = new CopyOnWriteArrayList<>();
            FetchReport report = new PackageFetcher(policy(Duration.ofSeconds(30), List.of()), http, sink)
                    .fetch(items, new FetchListener() {
                        @Override
                        public void notice(String message) {
                            notices.add(message);
                        }

                        @Override
                        public void debug(String message) {
                            decisions.add(message);
                        }
                    });

            assertThat(report.failed()).as(notices.toString()).isEmpty();
            // A torrent without tracker, no DHT, no peer configured: nobody can be there, so the mirror does not
            // wait for swarm_wait (30 s here): the decision is asserted, not the time.
            assertThat(decisions).anyMatch(d -> d.contains("nobody in the swarm, 4 files to the mirror"));
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.MIRROR);
            sink.assertHolds(items);
            // Files fetched over HTTP are offered for seeding too: each torrent index with its verified file.
            assertThat(report.seedable()).singleElement().satisfies(s -> {
                assertThat(s.files().keySet()).containsExactlyInAnyOrderElementsOf(
                        items.stream().map(i -> i.torrent().fileIndex()).toList());
                for (FetchItem i : items) {
                    assertThat(sha256(s.files().get(i.torrent().fileIndex()))).isEqualTo(i.checksum().hex());
                }
            });
        }
    }

    @Test
    void aSeedingPeerServesEverythingAndTheMirrorNothing() throws Exception {
        repository(12, 300_000);
        BlockingQueue<EngineEvent> seederEvents = new LinkedBlockingQueue<>();
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
                EngineProcess seeder = EngineProcess.start(
                        EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true), seederEvents::add)) {
            seeder.add("repo", torrentFile, dir.resolve("mirror"), List.of(), List.of());
            awaitSeeding(seederEvents);
            List<FetchItem> items = items(mirror.baseUri(), true, 0, 4, 9, 11);
            TestSink sink = new TestSink(dir.resolve("cache"));
            FetchReport report = new PackageFetcher(policy(Duration.ofSeconds(20),
                    List.of(new InetSocketAddress("127.0.0.1", seeder.listenPort()))), http, sink)
                    .fetch(items, FetchListener.NONE);

            assertThat(report.failed()).isEmpty();
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.PEERS);
            assertThat(mirror.bytesServed()).isZero();
            long selected = items.stream().mapToLong(FetchItem::size).sum();
            assertThat(report.totals().peerBytes()).isBetween(selected, selected * 105 / 100);
            sink.assertHolds(items);
            // The engine's own download is deleted once everything is in the cache: no data kept twice.
            try (var left = Files.walk(dir.resolve("client/swarm"))) {
                assertThat(left.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".deb")))
                        .as("package data left in the swarm directory").isEmpty();
            }
        }
    }

    @Test
    void theMirrorIsDownButAPeerHasTheFiles() throws Exception {
        repository(6, 200_000);
        BlockingQueue<EngineEvent> seederEvents = new LinkedBlockingQueue<>();
        try (HttpDownloader http = new HttpDownloader(Duration.ofSeconds(2), Duration.ofSeconds(2), 0);
                EngineProcess seeder = EngineProcess.start(
                        EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true), seederEvents::add)) {
            seeder.add("repo", torrentFile, dir.resolve("mirror"), List.of(), List.of());
            awaitSeeding(seederEvents);
            // A port nothing listens on: every HTTP attempt is refused at once.
            URI down = URI.create("http://127.0.0.1:9/");
            List<FetchItem> items = items(down, true, 1, 2, 5);
            TestSink sink = new TestSink(dir.resolve("cache"));
            FetchReport report = new PackageFetcher(policy(Duration.ZERO,
                    List.of(new InetSocketAddress("127.0.0.1", seeder.listenPort()))), http, sink)
                    .fetch(items, FetchListener.NONE);

            assertThat(report.failed()).isEmpty();
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).containsOnly(FetchSource.PEERS);
            sink.assertHolds(items);
        }
    }

    @Test
    void whenTheEngineIsKilledMidDownloadTheMirrorFinishes() throws Exception {
        repository(8, 400_000);
        BlockingQueue<EngineEvent> seederEvents = new LinkedBlockingQueue<>();
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
                EngineProcess seeder = EngineProcess.start(
                        EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true), seederEvents::add)) {
            seeder.add("repo", torrentFile, dir.resolve("mirror"), List.of(), List.of());
            awaitSeeding(seederEvents);
            seeder.setRateLimits(100_000, 0);   // a slow swarm, but above the minimum rate: the swarm keeps it
            List<FetchItem> items = items(mirror.baseUri(), true, 0, 2, 4, 6);
            TestSink sink = new TestSink(dir.resolve("cache"));
            List<Long> engines = new CopyOnWriteArrayList<>();
            List<String> notices = new CopyOnWriteArrayList<>();
            FetchPolicy policy = new FetchPolicy(true, EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true),
                    dir.resolve("client/swarm"), Duration.ofSeconds(60), 1, 4, Duration.ofSeconds(60),
                    List.of(new InetSocketAddress("127.0.0.1", seeder.listenPort())));
            Thread killer = new Thread(() -> {
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while ((engines.isEmpty() || sink.count() == 0) && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    if (engines.isEmpty()) {
                        return;
                    }
                    ProcessHandle.of(engines.get(0)).ifPresent(ProcessHandle::destroyForcibly);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            FetchReport report = new PackageFetcher(policy, http, sink).fetch(items, new FetchListener() {
                @Override
                public void engineStarted(long pid) {
                    engines.add(pid);
                }

                @Override
                public void notice(String message) {
                    notices.add(message);
                }
            });
            killer.join();

            assertThat(report.failed()).isEmpty();
            assertThat(notices).anyMatch(n -> n.startsWith("torrent engine stopped"));
            assertThat(report.fetched()).extracting(FetchReport.Fetched::source).contains(FetchSource.MIRROR);
            assertThat(mirror.bytesServed()).isPositive();
            sink.assertHolds(items);
        }
    }

    /**
     * A peer that serves damaged data: a seeder restarted from resume data after a byte of one file changed (size
     * and time kept) believes it has every piece and sends the bad one. The client's libtorrent rejects the piece
     * and bans the peer; the file comes from the mirror instead, and what is cached is what the index says.
     */
    @Test
    void aPeerServingCorruptDataIsRefusedAndTheMirrorFillsIn() throws Exception {
        repository(6, 200_000);
        Path seedDir = dir.resolve("mirror");
        copyTree(repo, dir.resolve("good-mirror/repo"));
        Path resume = dir.resolve("seeder.resume");
        BlockingQueue<EngineEvent> first = new LinkedBlockingQueue<>();
        try (EngineProcess seeder = EngineProcess.start(
                EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true), first::add)) {
            seeder.add(EngineProcess.Add.of("repo", torrentFile, seedDir).withResumeData(resume));
            awaitSeeding(first);
        }
        assertThat(resume).exists();
        TorrentFile bad = torrent.files().get(3);

        BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("good-mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1)) {
            List<FetchItem> items = items(mirror.baseUri(), true, 1, 3, 5);
            changeAByteKeepingSizeAndTime(repo.resolve(bad.path()));
            try (EngineProcess seeder = EngineProcess.start(
                    EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true), events::add)) {
                seeder.add(EngineProcess.Add.of("repo", torrentFile, seedDir).withResumeData(resume));
                awaitSeeding(events);
                TestSink sink = new TestSink(dir.resolve("cache"));
                FetchPolicy policy = new FetchPolicy(true,
                        EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true), dir.resolve("client/swarm"),
                        Duration.ofSeconds(2), 64 * 1024, 4, Duration.ofSeconds(30),
                        List.of(new InetSocketAddress("127.0.0.1", seeder.listenPort())));
                FetchReport report = new PackageFetcher(policy, http, sink).fetch(items, FetchListener.NONE);

                assertThat(report.failed()).isEmpty();
                sink.assertHolds(items);
                FetchReport.Fetched damaged = report.fetched().stream()
                        .filter(f -> f.item().torrent().fileIndex() == bad.index()).findFirst().orElseThrow();
                // From the mirror: either the whole file, or the piece the peer damaged, by a byte range once
                // the banned peer was gone (nobody connected had that piece any more).
                assertThat(damaged.source() == FetchSource.MIRROR || report.totals().webSeedBytes() > 0)
                        .as("the damaged file came from the mirror (%s, %d bytes of piece ranges)", damaged.source(),
                                report.totals().webSeedBytes()).isTrue();
            }
        }
    }

    /** Inverts one byte in the middle of {@code file} and puts its modification time back. */
    private static void changeAByteKeepingSizeAndTime(Path file) throws IOException {
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
        byte[] data = Files.readAllBytes(file);
        data[data.length / 2] ^= (byte) 0xff;
        Files.write(file, data);
        Files.setLastModifiedTime(file, time);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void aTrackerThatIsDownLeavesTheFilesToTheMirror() throws Exception {
        Path repoRoot = dir.resolve("mirror/repo");
        repository(4, 100_000);
        // The same files, now in a torrent whose only tracker is a port nothing listens on.
        torrent = new TorrentCreator().create(new TorrentCreator.Request(repoRoot,
                torrent.files().stream().map(TorrentFile::path).toList(), "repo", List.of(),
                List.of("http://127.0.0.1:9/announce"), 0));
        torrent.write(torrentFile);
        try (StaticHttpServer mirror = StaticHttpServer.serve(dir.resolve("mirror"));
                HttpDownloader http = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 1)) {
            List<FetchItem> items = items(mirror.baseUri(), true, 0, 1, 2, 3);
            TestSink sink = new TestSink(dir.resolve("cache"));
            FetchReport report = new PackageFetcher(policy(Duration.ofMillis(500), List.of()), http, sink)
                    .fetch(items, FetchListener.NONE);
            assertThat(report.failed()).isEmpty();
            // Every byte from the mirror: whole files, or piece ranges fetched by the engine if swarm_wait passed
            // before the failed announce was reported.
            assertThat(report.totals().peerBytes()).isZero();
            assertThat(report.totals().mirrorBytes() + report.totals().webSeedBytes())
                    .isGreaterThanOrEqualTo(items.stream().mapToLong(FetchItem::size).sum());
            sink.assertHolds(items);
        }
    }

    private static void awaitSeeding(BlockingQueue<EngineEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            EngineEvent e = events.poll(1, TimeUnit.SECONDS);
            if (e instanceof EngineEvent.Progress p && p.state().equals("SEEDING")) {
                return;
            }
            assertThat(e).isNotInstanceOfAny(EngineEvent.Error.class, EngineEvent.Died.class);
        }
        throw new AssertionError("the seeder did not start seeding within 60 s");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A verifying sink: files named by digest, admitted only when size and SHA-256 match. */
    static final class TestSink implements FetchSink {
        private final Path root;

        TestSink(Path root) {
            this.root = root;
        }

        @Override
        public Optional<Path> cached(FetchItem item) {
            Path f = root.resolve(item.checksum().hex());
            return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
        }

        @Override
        public Path admit(FetchItem item, Path candidate, boolean keepSource) throws IOException {
            String actual = sha256(candidate);
            if (!actual.equals(item.checksum().hex()) || Files.size(candidate) != item.size()) {
                if (!keepSource) {
                    Files.delete(candidate);
                }
                throw new FetchSink.Rejected(candidate + ": SHA256 is " + actual + ", the signed index says "
                        + item.checksum().hex());
            }
            Files.createDirectories(root);
            Path target = root.resolve(item.checksum().hex());
            if (keepSource) {
                Files.copy(candidate, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(candidate, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        }

        @Override
        public Path partialDir() throws IOException {
            return Files.createDirectories(root.resolveSibling("partial"));
        }

        long count() {
            try (var files = Files.list(root)) {
                return files.count();
            } catch (IOException e) {
                return 0;
            }
        }

        void assertHolds(List<FetchItem> items) throws IOException {
            for (FetchItem i : items) {
                assertThat(cached(i)).as(i.label()).isPresent();
                assertThat(sha256(cached(i).get())).isEqualTo(i.checksum().hex());
            }
        }
    }
}
