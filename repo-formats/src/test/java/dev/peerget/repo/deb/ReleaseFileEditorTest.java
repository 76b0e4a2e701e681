package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixtureRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseFileEditorTest {
    private static final String TORRENT = "peerget.torrent";

    private static byte[] content(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** apt-ftparchive, told to hash the extra file, is the oracle for every checksum line. */
    @Test
    void listsTheFileExactlyAsAptFtparchiveDoes(@TempDir Path dir) throws Exception {
        Corpus.requireCommand("apt-ftparchive");
        Path fixtureSuite = FixtureRepos.get().aptRoot().resolve("dists/stable");
        String release = Files.readString(fixtureSuite.resolve("Release"));
        byte[] torrent = content(70_001, 1);

        String edited = ReleaseFileEditor.withFile(release, TORRENT, torrent, "Release");

        for (String index : List.of("main/binary-amd64", "contrib/binary-amd64")) {
            Path to = Files.createDirectories(dir.resolve(index));
            for (String f : List.of("Packages", "Packages.gz", "Packages.xz")) {
                Files.copy(fixtureSuite.resolve(index).resolve(f), to.resolve(f));
            }
        }
        Files.write(dir.resolve(TORRENT), torrent);
        Process p = new ProcessBuilder("apt-ftparchive", "-o", "APT::FTPArchive::Release::Patterns::=Packages*",
                "-o", "APT::FTPArchive::Release::Patterns::=" + TORRENT, "release", ".").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String oracle = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        assertThat(checksumLines(edited)).isEqualTo(checksumLines(oracle)).hasSize(4 * 7);
        assertThat(edited).startsWith(release.substring(0, release.indexOf("MD5Sum:")));
        IndexFile listed = ReleaseFileParser.parse(edited, "Release").file(TORRENT).orElseThrow();
        assertThat(listed.size()).isEqualTo(torrent.length);
        assertThat(listed.checksum(HashAlgorithm.SHA256).orElseThrow().hex()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(torrent)));
    }

    @Test
    void replacingKeepsOneEntryAndRemovingRestoresTheOriginal() throws Exception {
        String release = Files.readString(FixtureRepos.get().aptRoot().resolve("dists/stable/Release"));
        String once = ReleaseFileEditor.withFile(release, TORRENT, content(100, 1), "Release");
        String twice = ReleaseFileEditor.withFile(once, TORRENT, content(200, 2), "Release");

        assertThat(twice.lines().filter(l -> l.endsWith(" " + TORRENT))).hasSize(4)
                .allMatch(l -> l.contains("              200 "));
        assertThat(ReleaseFileEditor.withFile(twice, TORRENT, content(200, 2), "Release")).isEqualTo(twice);
        assertThat(ReleaseFileEditor.withoutFile(twice, TORRENT, "Release")).isEqualTo(release);
        assertThat(ReleaseFileEditor.withoutFile(release, TORRENT, "Release")).isEqualTo(release);
    }

    /** Debian's own Release: 500+ entries, MD5Sum and SHA256 only; every original line stays, in order. */
    @Test
    void debianReleaseKeepsEveryLineAndGainsOneEntryPerSection() throws Exception {
        String release = Files.readString(Corpus.path("apt/debian-bookworm-fetched/Release"));
        String edited = ReleaseFileEditor.withFile(release, TORRENT, content(12_345, 3), "Release");

        List<String> added = new ArrayList<>(edited.lines().toList());
        assertThat(added.removeIf(l -> l.endsWith(" " + TORRENT))).isTrue();
        assertThat(String.join("\n", added) + "\n").isEqualTo(release);
        assertThat(edited.lines().filter(l -> l.endsWith(" " + TORRENT))).hasSize(2);
        assertThat(ReleaseFileParser.parse(edited, "Release").file(TORRENT).orElseThrow().checksums())
                .extracting(c -> c.algorithm()).containsExactly(HashAlgorithm.MD5, HashAlgorithm.SHA256);
    }

    @Test
    void releaseWithoutChecksumsGetsASha256Section() {
        String edited = ReleaseFileEditor.withFile("Origin: x\nSuite: y\n", TORRENT, content(10, 4), "Release");
        assertThat(edited).startsWith("Origin: x\nSuite: y\nSHA256:\n ");
        assertThat(ReleaseFileParser.parse(edited, "Release").file(TORRENT)).isPresent();
    }

    @Test
    void notAReleaseIsRefusedWithItsName() {
        assertThatThrownBy(() -> ReleaseFileEditor.withFile("Origin: x\n\nOrigin: y\n", TORRENT, content(1, 5),
                "dists/x/Release")).isInstanceOf(MetadataException.class).hasMessageContaining("dists/x/Release");
    }

    private static List<String> checksumLines(String release) {
        return release.lines().filter(l -> l.startsWith(" ")).toList();
    }
}
