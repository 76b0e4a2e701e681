package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.torrent.internal.Bencode;
import dev.peerget.testing.FixtureRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TorrentCreatorTest {
    @TempDir
    Path dir;

    @Test
    void transmissionReadsTheTorrentWithItsPadsSeedsAndTrackers() throws Exception {
        Path repo = generate(dir.resolve("debian"), 5, 40_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo)
                .withWebSeeds(List.of("http://127.0.0.1:9/"))
                .withTrackers(List.of("http://127.0.0.1:9/announce")));
        Path file = dir.resolve("debian.torrent");
        torrent.write(file);

        String shown = transmissionShow(file);
        assertThat(shown).contains("Hash: " + torrent.infoHash())
                .contains("Piece Size: 16.00 KiB")
                .contains("http://127.0.0.1:9/announce")
                .contains("http://127.0.0.1:9/");
        for (TorrentFile f : torrent.files()) {
            assertThat(shown).contains("debian/" + f.path() + " (");
        }
        assertThat(shown).contains("debian/.pad/");
        assertThat(torrent.files()).extracting(TorrentFile::path).hasSize(5)
                .allMatch(p -> p.startsWith("pool/main/"));
    }

    @Test
    void everyFileStartsOnAPieceBoundaryAndPiecesCoverThePadding() throws Exception {
        Path repo = generate(dir.resolve("repo"), 7, 50_000);
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo));
        Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) Bencode.decode(torrent.bytes())).get("info");
        long offset = 0;
        for (Object entry : (List<?>) info.get("files")) {
            Map<?, ?> f = (Map<?, ?>) entry;
            boolean pad = f.containsKey("attr");
            if (!pad) {
                assertThat(offset % torrent.pieceLength()).as("offset of %s", f).isZero();
            }
            offset += (Long) f.get("length");
        }
        long pieces = (offset + torrent.pieceLength() - 1) / torrent.pieceLength();
        assertThat(((byte[]) info.get("pieces")).length).isEqualTo(pieces * 20);
    }

    @Test
    void sameInputGivesTheSameBytesWhateverTheOrderOfPaths() throws Exception {
        Path repo = generate(dir.resolve("repo"), 6, 30_000);
        TorrentCreator.Request request = TorrentCreator.Request.packagesOf(repo);
        List<String> shuffled = new ArrayList<>(request.paths());
        Collections.shuffle(shuffled, new Random(7));
        byte[] first = new TorrentCreator().create(request).bytes();
        byte[] second = new TorrentCreator().create(new TorrentCreator.Request(repo, shuffled, "repo", List.of(),
                List.of(), 0)).bytes();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void coversTheFixtureAptRepositoryPool() throws Exception {
        Path apt = FixtureRepos.get().aptRoot();
        RepositoryTorrent torrent = new TorrentCreator().create(TorrentCreator.Request.packagesOf(apt).withName("apt"));
        Path file = dir.resolve("apt.torrent");
        torrent.write(file);
        assertThat(torrent.files()).isNotEmpty().allMatch(f -> f.path().startsWith("pool/") && f.path().endsWith(".deb"));
        String shown = transmissionShow(file);
        assertThat(shown).contains("Hash: " + torrent.infoHash());
        for (TorrentFile f : torrent.files()) {
            assertThat(shown).contains("apt/" + f.path());
            assertThat(f.size()).isEqualTo(Files.size(apt.resolve(f.path())));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 16384", "1000000, 16384", "536870912, 16384", "536870913, 32768",
            "100000000000, 4194304", "10000000000000, 16777216"})
    void pieceLengthGrowsWithTheRepository(long total, int expected) {
        assertThat(TorrentCreator.choosePieceLength(total)).isEqualTo(expected);
    }

    /** {@code count} files of pseudo-random content and sizes around {@code size}, under pool/main/. */
    static Path generate(Path root, int count, int size) throws IOException {
        Random random = new Random(count * 31L + size);
        for (int i = 0; i < count; i++) {
            Path file = root.resolve("pool/main/p" + (i % 3) + "/pkg" + i + "_1.0_amd64.deb");
            Files.createDirectories(file.getParent());
            byte[] data = new byte[size / 2 + random.nextInt(size)];
            random.nextBytes(data);
            Files.write(file, data);
        }
        Files.writeString(root.resolve("README"), "not a package");
        return root;
    }

    static String transmissionShow(Path torrent) throws Exception {
        Process p = new ProcessBuilder("transmission-show", torrent.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
