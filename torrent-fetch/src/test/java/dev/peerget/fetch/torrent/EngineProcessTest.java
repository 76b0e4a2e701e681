package dev.peerget.fetch.torrent;

import static dev.peerget.fetch.torrent.TestEngine.sha256;
import static dev.peerget.fetch.torrent.TestEngine.sizeOrZero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real libtorrent sessions in child JVMs, seeding and leeching over 127.0.0.1 only. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineProcessTest {
    @TempDir
    Path dir;

    private Path repo;
    private RepositoryTorrent torrent;
    private Path torrentFile;

    @BeforeEach
    void repository() throws IOException {
        repo = TorrentCreatorTest.generate(dir.resolve("seed/repo"), 20, 400_000);
        torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
    }

    @Test
    void leecherDownloadsOnlyTheSelectedFilesFromASeeder() throws Exception {
        List<TorrentFile> selected = files(2, 9, 17);
        long selectedSize = size(selected);
        try (TestEngine seeder = seeder("seeder"); TestEngine leecher = TestEngine.start(dir, "leecher")) {
            Path target = dir.resolve("leech");
            leecher.process.add("repo", torrentFile, target, indexes(selected), List.of(seeder.address()));
            seeder.awaitProgress("repo", p -> p.peers() == 1);
            leecher.awaitFinished("repo");
            EngineEvent.Progress last = leecher.settledStatus("repo");

            assertOnlySelected(target, selected);
            assertThat(last.wanted()).isEqualTo(selectedSize);
            assertThat(last.wantedDone()).as(last.toString()).isEqualTo(selectedSize);
            assertThat(last.webSeedBytes()).isZero();
            assertThat(last.downloaded()).isBetween(selectedSize, selectedSize * 105 / 100);
            // The seeder's side of the same transfer (the finished leecher has hung up: it wants nothing more).
            EngineEvent.Progress seeding = seeder.settledStatus("repo");
            assertThat(seeding.uploaded()).isBetween(selectedSize, selectedSize * 105 / 100);
            assertThat(seeding.downloaded()).isZero();
            System.out.printf("leecher: %d selected bytes of %d, downloaded %d (%.2f %%)%n", selectedSize,
                    torrent.totalSize(), last.downloaded(), 100.0 * last.downloaded() / selectedSize);
        }
    }

    @Test
    void leecherTakesPiecesFromTwoSeeders() throws Exception {
        // Each seeder capped at 1 MB/s: one cannot deliver the 8 MB alone before the other is connected.
        try (TestEngine first = seeder("first"); TestEngine second = seeder("second");
                TestEngine leecher = TestEngine.start(dir, "leecher")) {
            first.process.setRateLimits(1_000_000, 0);
            second.process.setRateLimits(1_000_000, 0);
            Path target = dir.resolve("leech");
            leecher.process.add("repo", torrentFile, target, List.of(), List.of(first.address(), second.address()));
            leecher.awaitProgress("repo", p -> p.peers() == 2);
            leecher.awaitFinished("repo");

            assertOnlySelected(target, torrent.files());
            long total = torrent.totalSize();
            long fromFirst = first.settledStatus("repo").uploaded();
            long fromSecond = second.settledStatus("repo").uploaded();
            // In end-game mode the last blocks are asked of both seeders at once, so some come twice: up to 13 % of
            // this small torrent, with up to 50 requests queued on each seeder.
            assertThat(fromFirst + fromSecond).isBetween(total, total * 125 / 100);
            System.out.printf("two seeders: %d bytes, %d from the first, %d from the second (%.2f %% sent)%n", total,
                    fromFirst, fromSecond, 100.0 * (fromFirst + fromSecond) / total);
            assertThat(fromFirst).as("from the first seeder").isGreaterThan(total / 5);
            assertThat(fromSecond).as("from the second seeder").isGreaterThan(total / 5);
        }
    }

    @Test
    void aSecondEngineFetchesAnotherSubsetIntoTheSameSaveDirectory() throws Exception {
        List<TorrentFile> first = files(1, 4);
        List<TorrentFile> second = files(4, 8, 15);
        Path target = dir.resolve("cache-dir");
        try (TestEngine seeder = seeder("seeder")) {
            try (TestEngine leecher = TestEngine.start(dir, "leecher1")) {
                leecher.process.add("repo", torrentFile, target, indexes(first), List.of(seeder.address()));
                leecher.awaitFinished("repo");
            }
            assertOnlySelected(target, first);
            try (TestEngine leecher = TestEngine.start(dir, "leecher2")) {
                leecher.process.add("repo", torrentFile, target, indexes(second), List.of(seeder.address()));
                leecher.awaitFinished("repo");
                EngineEvent.Progress last = leecher.settledStatus("repo");
                // File 4 was on disk already: checked, not downloaded again.
                long newBytes = size(files(8, 15));
                assertThat(last.wantedDone()).isEqualTo(size(second));
                assertThat(last.downloaded()).isBetween(newBytes, newBytes * 105 / 100);
            }
            assertOnlySelected(target, files(1, 4, 8, 15));
        }
    }

    @Test
    void addingAgainUnderTheSameIdGrowsTheSelection() throws Exception {
        try (TestEngine seeder = seeder("seeder"); TestEngine leecher = TestEngine.start(dir, "leecher")) {
            Path target = dir.resolve("leech");
            leecher.process.add("repo", torrentFile, target, indexes(files(3)), List.of(seeder.address()));
            leecher.awaitFinished("repo");
            leecher.process.add("repo", torrentFile, target, indexes(files(5, 6)), List.of());
            leecher.await(e -> e instanceof EngineEvent.Added a && a.id().equals("repo"));
            leecher.awaitFinished("repo");

            assertOnlySelected(target, files(3, 5, 6));
            assertThat(leecher.status("repo").wanted()).isEqualTo(size(files(3, 5, 6)));
        }
    }

    @Test
    void removedTorrentKeepsItsFilesAndComesBackFromResumeDataWithoutDownloading() throws Exception {
        List<TorrentFile> selected = files(0, 11);
        Path resume = dir.resolve("leech.resume");
        try (TestEngine seeder = seeder("seeder"); TestEngine leecher = TestEngine.start(dir, "leecher")) {
            Path target = dir.resolve("leech");
            leecher.process.add("repo", torrentFile, target, indexes(selected), List.of(seeder.address()));
            leecher.awaitFinished("repo");
            leecher.process.saveResumeData("repo", resume);
            leecher.process.remove("repo");
            EngineEvent.Saved saved = (EngineEvent.Saved) leecher.await(e -> e instanceof EngineEvent.Saved);
            assertThat(saved.file()).isEqualTo(resume);
            leecher.await(e -> e instanceof EngineEvent.Removed r && r.id().equals("repo"));
            leecher.process.requestStatus("repo");
            EngineEvent.Error error = (EngineEvent.Error) leecher.await(e -> e instanceof EngineEvent.Error);
            assertThat(error.message()).contains("no such torrent");
            assertOnlySelected(target, selected);

            leecher.process.add(EngineProcess.Add.of("again", torrentFile, target).withFiles(indexes(selected))
                    .withResumeData(resume));
            leecher.awaitFinished("again");
            assertThat(leecher.settledStatus("again").downloaded()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"seeder upload", "leecher download"})
    void rateLimitsHoldOnLoopback(String which) throws Exception {
        int limit = 250_000;
        List<TorrentFile> selected = files(0, 1, 2, 3);
        long selectedSize = size(selected);
        try (TestEngine seeder = seeder("seeder"); TestEngine leecher = TestEngine.start(dir, "leecher")) {
            if (which.equals("seeder upload")) {
                seeder.process.setRateLimits(limit, 0);
            } else {
                leecher.process.setRateLimits(0, limit);
            }
            long start = System.nanoTime();
            leecher.process.add("repo", torrentFile, dir.resolve("leech"), indexes(selected),
                    List.of(seeder.address()));
            leecher.awaitFinished("repo");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s limit %d B/s: %d bytes in %.2f s%n", which, limit, selectedSize, seconds);
            // libtorrent lets about a second's quota through at once: allow for that burst.
            assertThat(seconds).as("%d bytes at %d B/s", selectedSize, limit)
                    .isGreaterThan((double) selectedSize / limit - 1.5);
        }
    }

    @Test
    void badAddsAreReportedAndTheEngineCarriesOn() throws Exception {
        try (TestEngine engine = TestEngine.start(dir, "engine")) {
            engine.process.add("pads", torrentFile, dir.resolve("x"), List.of(1), List.of());
            assertThat(((EngineEvent.Error) engine.await(e -> e instanceof EngineEvent.Error)).message())
                    .contains("no file 1 in");
            engine.process.add("missing", dir.resolve("nowhere.torrent"), dir.resolve("x"), List.of(), List.of());
            EngineEvent.Error missing = (EngineEvent.Error) engine.await(e -> e instanceof EngineEvent.Error);
            assertThat(missing.message()).contains("nowhere.torrent");
            assertThatThrownBy(() -> engine.process.setRateLimits(-1, 0))
                    .isInstanceOf(IllegalArgumentException.class);

            engine.process.add("repo", torrentFile, dir.resolve("seed"), List.of(), List.of());
            engine.awaitProgress("repo", EngineEvent.Progress::seeding);
        }
    }

    @Test
    void parentIsToldWhenTheChildDies() throws Exception {
        try (TestEngine engine = TestEngine.start(dir, "engine")) {
            assertThat(engine.process.listenPort()).isPositive();
            ProcessHandle.of(engine.process.pid()).orElseThrow().destroyForcibly();
            EngineEvent.Died died = (EngineEvent.Died) engine.await(e -> e instanceof EngineEvent.Died);
            assertThat(died.exitCode()).isEqualTo(137);
            assertThat(died.crashReport()).isNull();
            assertThat(engine.process.isAlive()).isFalse();
        }
    }

    @Test
    void aCrashingChildReportsIntoTheCacheDirectoryAndNeverIntoTheCallersWorkingDirectory() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Set<Path> before = listing(cwd);
        try (TestEngine engine = TestEngine.start(dir, "engine")) {
            Path cache = dir.resolve("cache").toRealPath();
            long pid = engine.process.pid();
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd"))).isEqualTo(cache);
            // What libtorrent's native code does when it breaks; the JVM writes its fatal error report.
            Process kill = new ProcessBuilder("kill", "-SEGV", Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            EngineEvent.Died died = (EngineEvent.Died) engine.await(e -> e instanceof EngineEvent.Died);
            assertThat(died.crashReport()).isEqualTo(cache.resolve("engine-crash-" + pid + ".log"));
            assertThat(Files.readString(died.crashReport())).contains("SIGSEGV");
            assertThat(listing(cache).stream().map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("core") || name.startsWith("hs_err"));
        }
        assertThat(listing(cwd)).isEqualTo(before);
    }

    @Test
    void withNobodyToAskThePiecesComeFromTheMirrorByByteRanges() throws Exception {
        List<TorrentFile> selected = files(2, 9, 17);
        try (dev.peerget.testing.StaticHttpServer mirror = dev.peerget.testing.StaticHttpServer.serve(dir.resolve("seed"));
                TestEngine leecher = TestEngine.start(dir, "leecher")) {
            Path target = dir.resolve("leech");
            leecher.process.add("repo", torrentFile, target, indexes(selected), List.of());
            for (TorrentFile f : selected) {
                leecher.process.fetchMissingPiecesFrom("repo", f.index(), mirror.baseUri().resolve("repo/" + f.path()));
            }
            leecher.awaitFinished("repo");
            EngineEvent.Progress last = leecher.settledStatus("repo");

            assertOnlySelected(target, selected);
            assertThat(last.webSeedBytes()).as("bytes fetched by ranges").isEqualTo(size(selected));
            assertThat(last.peerBytes()).isZero();
            // Runs of pieces, not whole files: more requests than files, and no byte beyond the selection.
            assertThat(mirror.requests()).isGreaterThan(selected.size());
            assertThat(mirror.bytesServed()).isEqualTo(size(selected));
        }
    }

    @Test
    void piecesThatAConnectedPeerHasAreNeverFetchedFromTheMirror() throws Exception {
        List<TorrentFile> selected = files(1, 5, 12);
        try (dev.peerget.testing.StaticHttpServer mirror = dev.peerget.testing.StaticHttpServer.serve(dir.resolve("seed"));
                TestEngine seeder = seeder("seeder"); TestEngine leecher = TestEngine.start(dir, "leecher")) {
            Path target = dir.resolve("leech");
            leecher.process.add("repo", torrentFile, target, indexes(selected), List.of(seeder.address()));
            // Told only once a piece came from the seeder: its bitfield, sent first, is in, so no piece is nobody's.
            leecher.awaitProgress("repo", p -> p.peerBytes() > 0);
            for (TorrentFile f : selected) {
                leecher.process.fetchMissingPiecesFrom("repo", f.index(), mirror.baseUri().resolve("repo/" + f.path()));
            }
            leecher.awaitFinished("repo");

            assertOnlySelected(target, selected);
            assertThat(leecher.settledStatus("repo").webSeedBytes()).isZero();
            assertThat(mirror.bytesServed()).isZero();
        }
    }

    @Test
    void anOfferedFileIsServedToPeersAndADeselectedOneIsNotFetched() throws Exception {
        List<TorrentFile> selected = files(3, 7);
        TorrentFile offered = selected.get(0);
        try (TestEngine holder = TestEngine.start(dir, "holder"); TestEngine leecher = TestEngine.start(dir, "leecher")) {
            // The holder wants two files, has neither, and is given one complete copy from elsewhere (as the
            // fetch does with a file its HTTP connection fetched); the other it gives up (DESELECT).
            holder.process.add("repo", torrentFile, dir.resolve("holder"), indexes(selected), List.of());
            holder.await(e -> e instanceof EngineEvent.Added);
            holder.process.deselect("repo", List.of(selected.get(1).index()));
            holder.process.offer("repo", offered.index(), repo.resolve(offered.path()));
            holder.awaitFinished("repo");
            assertThat(holder.status("repo").wanted()).isEqualTo(offered.size());

            Path target = dir.resolve("leech");
            leecher.process.add("repo", torrentFile, target, List.of(offered.index()), List.of(holder.address()));
            leecher.awaitFinished("repo");
            assertOnlySelected(target, List.of(offered));
            assertThat(sizeOrZero(dir.resolve("holder/repo").resolve(selected.get(1).path()))).isZero();
        }
    }

    private static Set<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toSet());
        }
    }

    /** A seeder of the whole repository, waited for until it seeds. */
    private TestEngine seeder(String name) throws InterruptedException {
        TestEngine seeder = TestEngine.start(dir, name);
        seeder.process.add("repo", torrentFile, dir.resolve("seed"), List.of(), List.of());
        seeder.awaitProgress("repo", EngineEvent.Progress::seeding);
        return seeder;
    }

    private List<TorrentFile> files(int... positions) {
        return java.util.Arrays.stream(positions).mapToObj(torrent.files()::get).toList();
    }

    private static List<Integer> indexes(List<TorrentFile> files) {
        return files.stream().map(TorrentFile::index).toList();
    }

    private static long size(List<TorrentFile> files) {
        return files.stream().mapToLong(TorrentFile::size).sum();
    }

    /** The selected files are there, equal to the seeder's, and nothing else was written. */
    private void assertOnlySelected(Path target, List<TorrentFile> selected) throws IOException {
        Set<String> paths = selected.stream().map(TorrentFile::path).collect(Collectors.toSet());
        for (TorrentFile f : torrent.files()) {
            Path got = target.resolve("repo").resolve(f.path());
            if (paths.contains(f.path())) {
                assertThat(sha256(got)).as(f.path()).isEqualTo(sha256(repo.resolve(f.path())));
            } else {
                assertThat(sizeOrZero(got)).as("unselected " + f.path()).isZero();
            }
        }
    }
}
