package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of a selection is reported (FILE) once it is complete, also when the transfer is fast enough for
 * libtorrent's alert queue to overflow. A fetch takes a file from the swarm only on its FILE: a lost report kept the
 * install benchmark's client waiting 10 s for 31 files it had, then fetching them again from the mirror.
 */
class EngineFileReportsTest {
    private static final int FILES = 120;

    @TempDir
    Path dir;

    @Test
    void aFastTransferOfManyFilesReportsEachOfThem() throws Exception {
        Path repo = TorrentCreatorTest.generate(dir.resolve("seed/repo"), FILES, 400_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        Path torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
        List<Integer> all = torrent.files().stream().map(TorrentFile::index).toList();
        try (TestEngine seeder = TestEngine.startQuiet(dir, "seeder");
                TestEngine leecher = TestEngine.start(dir, "leecher")) {
            seeder.process.add("repo", torrentFile, dir.resolve("seed"), List.of(), List.of());
            seeder.awaitProgress("repo", EngineEvent.Progress::seeding);
            leecher.process.add("repo", torrentFile, dir.resolve("leech"), all, List.of(seeder.address()));

            Set<Integer> reported = new TreeSet<>();
            boolean finished = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestEngine.DEADLINE_SECONDS);
            long afterFinished = Long.MAX_VALUE;
            while (reported.size() < all.size() && System.nanoTime() < Math.min(deadline, afterFinished)) {
                EngineEvent event = leecher.events.poll(100, TimeUnit.MILLISECONDS);
                if (event instanceof EngineEvent.FileCompleted f) {
                    assertThat(reported.add(f.index())).as("file %d reported twice", f.index()).isTrue();
                } else if (event instanceof EngineEvent.Finished && !finished) {
                    // Everything is on disk: the reports must not come later than a tick or two after this.
                    finished = true;
                    afterFinished = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                } else if (event instanceof EngineEvent.Error || event instanceof EngineEvent.Died) {
                    throw new AssertionError("leecher: " + event);
                }
            }
            Set<Integer> missing = new TreeSet<>(all);
            missing.removeAll(reported);
            assertThat(missing).as("files complete on disk but never reported (finished: %s)", finished).isEmpty();
        }
    }
}
