package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seconds from ADD to SEEDING for a 100 MB (or {@code -Dpeerget.bench.mb}) repository torrent, with and without resume data, page cache warm and
 * (when this runs as root) dropped. Not part of the suite (its name does not match Surefire's includes); run it with
 * {@code mvn -B -pl torrent-fetch -am test -Dtest=EngineResumeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures go to docs/torrent-engine.md.
 */
class EngineResumeBenchmark {
    /** Repository size in MB (1 MB files): {@code -Dpeerget.bench.mb=1000} for a larger one. */
    private static final int FILES = Integer.getInteger("peerget.bench.mb", 100);
    private static final int FILE_SIZE = 1_000_000;
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void secondsToSeedingWithAndWithoutResumeData() throws Exception {
        Path repo = dir.resolve("seed/repo");
        Random random = new Random(1);
        byte[] data = new byte[FILE_SIZE];
        for (int i = 0; i < FILES; i++) {
            Path file = repo.resolve("pool/main/p" + (i % 10) + "/pkg" + i + "_1.0_amd64.deb");
            Files.createDirectories(file.getParent());
            random.nextBytes(data);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(data);
            }
        }
        long start = System.nanoTime();
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        double create = seconds(start);
        Path torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
        Path resume = dir.resolve("repo.resume");
        // Written once by a seeder that checked the data.
        assertThat(toSeeding(torrentFile, null, "first")).isPositive();
        try (TestEngine engine = TestEngine.startQuiet(dir, "saver")) {
            engine.process.add(EngineProcess.Add.of("repo", torrentFile, dir.resolve("seed")).withResumeData(resume));
            engine.awaitProgress("repo", EngineEvent.Progress::seeding);
        }
        assertThat(resume).exists();

        boolean canDrop = Files.isWritable(Path.of("/proc/sys/vm/drop_caches"));
        System.out.printf("%d MB in %d files, %d-byte pieces; TorrentCreator hashed it in %.2f s%n",
                torrent.totalSize() / 1_000_000, FILES, torrent.pieceLength(), create);
        for (boolean cold : canDrop ? new boolean[] {false, true} : new boolean[] {false}) {
            for (int round = 1; round <= ROUNDS; round++) {
                double without = toSeeding(torrentFile, null, cold ? dropCaches() : "warm");
                double with = toSeeding(torrentFile, resume, cold ? dropCaches() : "warm");
                System.out.printf("%s cache, round %d: ADD to SEEDING %.2f s without resume data, %.2f s with%n",
                        cold ? "cold" : "warm", round, without, with);
            }
        }
    }

    /** Seconds from ADD to the first SEEDING report in a new engine. */
    private double toSeeding(Path torrentFile, Path resume, String label) throws Exception {
        long started = System.nanoTime();
        try (TestEngine engine = TestEngine.startQuiet(dir, label)) {
            System.out.printf("engine started (READY) in %.2f s%n", seconds(started));
            long start = System.nanoTime();
            engine.process.add(EngineProcess.Add.of("repo", torrentFile, dir.resolve("seed")).withResumeData(resume));
            engine.awaitProgress("repo", EngineEvent.Progress::seeding);
            return seconds(start);
        }
    }

    private static String dropCaches() throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("sync").inheritIO().start().waitFor()).isZero();
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
        return "cold";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
