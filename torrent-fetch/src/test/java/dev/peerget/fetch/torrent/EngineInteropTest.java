package dev.peerget.fetch.torrent;

import static dev.peerget.fetch.torrent.TestEngine.sha256;
import static dev.peerget.fetch.torrent.TestEngine.sizeOrZero;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.torrent.internal.Bencode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with other BitTorrent software on 127.0.0.1: Debian's opentracker as the only source of peers, and
 * aria2 seeding a TorrentCreator torrent (v1 with BEP 47 pad files). Both are installed by
 * scripts/install-test-deps.sh.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineInteropTest {
    @TempDir
    Path dir;

    @Test
    void leecherFindsTheSeederThroughOpentrackerAlone() throws Exception {
        int trackerPort = ExternalProcess.freePort();
        Path repo = TorrentCreatorTest.generate(dir.resolve("seed/repo"), 10, 300_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo)
                .withTrackers(List.of("http://127.0.0.1:" + trackerPort + "/announce")));
        Path torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
        List<TorrentFile> selected = List.of(torrent.files().get(1), torrent.files().get(7));

        try (ExternalProcess tracker = opentracker(trackerPort, torrent.infoHash());
                TestEngine seeder = TestEngine.start(dir, "seeder");
                TestEngine leecher = TestEngine.start(dir, "leecher")) {
            tracker.awaitListening(trackerPort, 10);
            seeder.process.add(EngineProcess.Add.of("repo", torrentFile, dir.resolve("seed")));
            seeder.awaitProgress("repo", EngineEvent.Progress::seeding);
            Path target = dir.resolve("leech");
            // No peers given: the tracker is the only way the two can meet.
            leecher.process.add(EngineProcess.Add.of("repo", torrentFile, target)
                    .withFiles(selected.stream().map(TorrentFile::index).toList()));
            leecher.awaitFinished("repo");

            assertOnly(torrent, repo, target, selected);
            long selectedSize = selected.stream().mapToLong(TorrentFile::size).sum();
            assertThat(leecher.settledStatus("repo").peerBytes()).isGreaterThanOrEqualTo(selectedSize);
        }
    }

    @Test
    void theTrackersAnswerTellsAnEmptySwarmFromOneWithOthers() throws Exception {
        int trackerPort = ExternalProcess.freePort();
        Path repo = TorrentCreatorTest.generate(dir.resolve("seed/repo"), 4, 100_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo)
                .withTrackers(List.of("http://127.0.0.1:" + trackerPort + "/announce")));
        Path torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);

        try (ExternalProcess tracker = opentracker(trackerPort, torrent.infoHash());
                TestEngine alone = TestEngine.start(dir, "alone")) {
            tracker.awaitListening(trackerPort, 10);
            alone.process.add(EngineProcess.Add.of("repo", torrentFile, dir.resolve("alone"))
                    .withFiles(List.of(torrent.files().get(0).index())));
            // opentracker lists the announcing client among the peers; its counts say that nobody else is there.
            EngineEvent.TrackerReply first = (EngineEvent.TrackerReply) alone.await(
                    e -> e instanceof EngineEvent.TrackerReply);
            assertThat(first.empty()).as(first.toString()).isTrue();

            try (TestEngine seeder = TestEngine.start(dir, "seeder"); TestEngine second = TestEngine.start(dir, "second")) {
                seeder.process.add(EngineProcess.Add.of("repo", torrentFile, dir.resolve("seed")));
                seeder.awaitProgress("repo", EngineEvent.Progress::seeding);
                second.process.add(EngineProcess.Add.of("repo", torrentFile, dir.resolve("second"))
                        .withFiles(List.of(torrent.files().get(0).index())));
                EngineEvent.TrackerReply reply = (EngineEvent.TrackerReply) second.await(
                        e -> e instanceof EngineEvent.TrackerReply);
                assertThat(reply.empty()).as(reply.toString()).isFalse();
            }
        }
    }

    @Test
    void leecherDownloadsSelectedFilesFromAria2Seeding() throws Exception {
        Path repo = TorrentCreatorTest.generate(dir.resolve("seed/repo"), 12, 300_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        Path torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
        List<TorrentFile> selected = List.of(torrent.files().get(0), torrent.files().get(6),
                torrent.files().get(11));
        int port = ExternalProcess.freePort();
        // aria2 1.36 does not know BEP 47: it takes pad files for ordinary files and, without them on disk, lacks
        // the last piece of every file but the last. A seeding aria2 needs them written out as zeros.
        writePadFiles(torrent, repo);

        try (ExternalProcess aria2 = ExternalProcess.start(dir, List.of("aria2c", "--dir=" + dir.resolve("seed"),
                "--check-integrity=true", "--seed-ratio=0.0", "--listen-port=" + port, "--enable-dht=false",
                "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--file-allocation=none", "--summary-interval=1", "--console-log-level=notice",
                torrentFile.toString()));
                TestEngine leecher = TestEngine.start(dir, "leecher")) {
            aria2.awaitOutput(line -> line.contains("SEED("), 30);
            Path target = dir.resolve("leech");
            leecher.process.add(EngineProcess.Add.of("repo", torrentFile, target)
                    .withFiles(selected.stream().map(TorrentFile::index).toList())
                    .withPeers(List.of(new java.net.InetSocketAddress("127.0.0.1", port))));
            try {
                leecher.awaitFinished("repo");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\naria2c:\n" + aria2.output(), e);
            }
            assertOnly(torrent, repo, target, selected);
        }
    }

    private ExternalProcess opentracker(int port, String infoHash) throws IOException {
        return ExternalProcess.opentracker(dir.resolve("tracker"), port, infoHash);
    }

    /** The torrent's pad files under {@code root}: zeros, at the paths the torrent gives them. */
    private static void writePadFiles(RepositoryTorrent torrent, Path root) throws IOException {
        Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) Bencode.decode(torrent.bytes())).get("info");
        for (Object entry : (List<?>) info.get("files")) {
            Map<?, ?> file = (Map<?, ?>) entry;
            if (file.containsKey("attr")) {
                Path pad = root;
                for (Object part : (List<?>) file.get("path")) {
                    pad = pad.resolve(part instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                            : part.toString());
                }
                Files.createDirectories(pad.getParent());
                Files.write(pad, new byte[Math.toIntExact((Long) file.get("length"))]);
            }
        }
    }

    private static void assertOnly(RepositoryTorrent torrent, Path repo, Path target, List<TorrentFile> selected)
            throws IOException {
        for (TorrentFile f : torrent.files()) {
            Path got = target.resolve(torrent.name()).resolve(f.path());
            if (selected.contains(f)) {
                assertThat(sha256(got)).as(f.path()).isEqualTo(sha256(repo.resolve(f.path())));
            } else {
                assertThat(sizeOrZero(got)).as("unselected " + f.path()).isZero();
            }
        }
    }
}
