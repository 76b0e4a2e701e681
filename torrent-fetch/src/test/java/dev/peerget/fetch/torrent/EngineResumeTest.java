package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume data: written on STOP and on SAVE, read on ADD. Whether libtorrent hashed the data is told apart by a
 * byte changed behind its back with size and modification time kept: a check finds it, resume data hides it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineResumeTest {
    @TempDir
    Path dir;

    private Path seedDir;
    private Path repo;
    private RepositoryTorrent torrent;
    private Path torrentFile;

    @BeforeEach
    void repository() throws IOException {
        seedDir = dir.resolve("seed");
        repo = TorrentCreatorTest.generate(seedDir.resolve("repo"), 12, 300_000);
        torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
    }

    @Test
    void resumeDataSavedOnStopLetsTheNextSeederSkipHashing() throws Exception {
        Path resume = dir.resolve("state/repo.resume");
        try (TestEngine first = TestEngine.start(dir, "first")) {
            first.process.add(seeding().withResumeData(resume));
            first.awaitProgress("repo", EngineEvent.Progress::seeding);
            first.process.close();
            EngineEvent.Saved saved = (EngineEvent.Saved) first.await(e -> e instanceof EngineEvent.Saved);
            assertThat(saved.file()).isEqualTo(resume);
        }
        assertThat(Files.readAllBytes(resume)).startsWith('d');

        changeAByteKeepingSizeAndTime(repo.resolve(torrent.files().get(5).path()));

        try (TestEngine resumed = TestEngine.start(dir, "resumed")) {
            resumed.process.add(seeding().withResumeData(resume));
            EngineEvent.Progress seeding = resumed.awaitProgress("repo", EngineEvent.Progress::seeding);
            assertThat(seeding.wantedDone()).isEqualTo(torrent.totalSize());
        }
        try (TestEngine checked = TestEngine.start(dir, "checked")) {
            checked.process.add(seeding());
            EngineEvent.Progress after = checked.awaitProgress("repo", p -> p.state().equals("DOWNLOADING"));
            // The one piece holding the changed byte failed its hash.
            assertThat(after.wantedDone()).isLessThan(torrent.totalSize())
                    .isGreaterThanOrEqualTo(torrent.totalSize() - torrent.pieceLength());
        }
    }

    @Test
    void saveWritesResumeDataWhileTheTorrentStays() throws Exception {
        Path resume = dir.resolve("repo.resume");
        try (TestEngine seeder = TestEngine.start(dir, "seeder")) {
            seeder.process.add(seeding());
            seeder.awaitProgress("repo", EngineEvent.Progress::seeding);
            seeder.process.saveResumeData("repo", resume);
            assertThat(seeder.await(e -> e instanceof EngineEvent.Saved))
                    .isEqualTo(new EngineEvent.Saved("repo", resume));
            assertThat(seeder.status("repo").seeding()).isTrue();
        }
        changeAByteKeepingSizeAndTime(repo.resolve(torrent.files().get(0).path()));
        try (TestEngine resumed = TestEngine.start(dir, "resumed")) {
            resumed.process.add(seeding().withResumeData(resume));
            assertThat(resumed.awaitProgress("repo", EngineEvent.Progress::seeding).wantedDone())
                    .isEqualTo(torrent.totalSize());
        }
    }

    @Test
    void unusableResumeDataCostsACheckNotTheAdd() throws Exception {
        Path garbage = dir.resolve("garbage.resume");
        Files.writeString(garbage, "not bencoded");
        Path foreign = dir.resolve("foreign.resume");
        Path otherRepo = TorrentCreatorTest.generate(dir.resolve("other/repo2"), 2, 50_000);
        Path otherTorrent = dir.resolve("other.torrent");
        new TorrentCreator().create(TorrentCreator.Request.packagesOf(otherRepo)).write(otherTorrent);
        try (TestEngine seeder = TestEngine.start(dir, "seeder")) {
            seeder.process.add(EngineProcess.Add.of("other", otherTorrent, dir.resolve("other")));
            seeder.awaitProgress("other", EngineEvent.Progress::seeding);
            seeder.process.saveResumeData("other", foreign);
            seeder.await(e -> e instanceof EngineEvent.Saved);

            changeAByteKeepingSizeAndTime(repo.resolve(torrent.files().get(3).path()));
            seeder.process.add(seeding().withResumeData(garbage));
            seeder.awaitProgress("repo", p -> p.state().equals("DOWNLOADING"));
            seeder.process.add(EngineProcess.Add.of("again", torrentFile, seedDir).withResumeData(foreign));
            EngineEvent.Error error = (EngineEvent.Error) seeder.await(e -> e instanceof EngineEvent.Error);
            assertThat(error.message()).contains("already in the session as repo");
        }
        try (TestEngine seeder = TestEngine.start(dir, "foreign")) {
            seeder.process.add(seeding().withResumeData(foreign));
            EngineEvent.Progress after = seeder.awaitProgress("repo", p -> p.state().equals("DOWNLOADING"));
            assertThat(after.wantedDone()).isLessThan(torrent.totalSize());
        }
    }

    private EngineProcess.Add seeding() {
        return EngineProcess.Add.of("repo", torrentFile, seedDir);
    }

    /** Inverts one byte in the middle of {@code file} and puts its modification time back. */
    static void changeAByteKeepingSizeAndTime(Path file) throws IOException {
        FileTime time = Files.getLastModifiedTime(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(~b);
        }
        Files.setLastModifiedTime(file, time);
    }
}
