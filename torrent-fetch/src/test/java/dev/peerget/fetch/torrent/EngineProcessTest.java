package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real libtorrent sessions in child JVMs, talking over 127.0.0.1 only. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineProcessTest {
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    @Disabled("TODO #4: passes 1 run in 3; in the others the leecher never connects to the seeder on 127.0.0.1")
    void leecherDownloadsOnlyTheSelectedFilesFromASeeder() throws Exception {
        Path repo = TorrentCreatorTest.generate(dir.resolve("seed/repo"), 20, 400_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        Path torrentFile = dir.resolve("repo.torrent");
        torrent.write(torrentFile);
        List<TorrentFile> selected = List.of(torrent.files().get(2), torrent.files().get(9), torrent.files().get(17));
        long selectedSize = selected.stream().mapToLong(TorrentFile::size).sum();

        EngineConfig config = EngineConfig.of(dir.resolve("cache"), "127.0.0.1:0", true);
        BlockingQueue<EngineEvent> seederEvents = new LinkedBlockingQueue<>();
        BlockingQueue<EngineEvent> leecherEvents = new LinkedBlockingQueue<>();
        try (EngineProcess seeder = EngineProcess.start(config, seederEvents::add);
                EngineProcess leecher = EngineProcess.start(config, leecherEvents::add)) {
            seeder.add("repo", torrentFile, dir.resolve("seed"), List.of(), List.of());
            await(seederEvents, e -> e instanceof EngineEvent.Progress p && p.state().equals("SEEDING"));

            Path target = dir.resolve("leech");
            leecher.add("repo", torrentFile, target, selected.stream().map(TorrentFile::index).toList(),
                    List.of(new InetSocketAddress("127.0.0.1", seeder.listenPort())));
            await(leecherEvents, e -> e instanceof EngineEvent.Finished);
            leecher.requestStatus("repo");
            EngineEvent.Progress last = (EngineEvent.Progress) await(leecherEvents,
                    e -> e instanceof EngineEvent.Progress);

            for (TorrentFile f : torrent.files()) {
                Path got = target.resolve("repo").resolve(f.path());
                if (selected.contains(f)) {
                    assertThat(sha256(got)).as(f.path()).isEqualTo(sha256(repo.resolve(f.path())));
                } else {
                    assertThat(Files.exists(got) ? Files.size(got) : 0L).as("unselected " + f.path()).isZero();
                }
            }
            assertThat(last.wanted()).isEqualTo(selectedSize);
            assertThat(last.wantedDone()).as(last.toString()).isEqualTo(selectedSize);
            assertThat(last.webSeedBytes()).isZero();
            assertThat(last.downloaded()).isBetween(selectedSize, selectedSize * 105 / 100);
            System.out.printf("leecher: %d selected bytes of %d, downloaded %d (%.2f %%)%n", selectedSize,
                    torrent.totalSize(), last.downloaded(), 100.0 * last.downloaded() / selectedSize);
        }
    }

    @Test
    void parentIsToldWhenTheChildDies() throws Exception {
        BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
        try (EngineProcess engine = EngineProcess.start(
                EngineConfig.of(dir.resolve("cache"), "127.0.0.1:0", true), events::add)) {
            assertThat(engine.listenPort()).isPositive();
            ProcessHandle.of(engine.pid()).orElseThrow().destroyForcibly();
            EngineEvent.Died died = (EngineEvent.Died) await(events, e -> e instanceof EngineEvent.Died);
            assertThat(died.exitCode()).isEqualTo(137);
            assertThat(engine.isAlive()).isFalse();
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

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
