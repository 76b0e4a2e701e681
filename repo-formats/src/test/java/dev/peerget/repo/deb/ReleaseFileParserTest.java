package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ReleaseFileParserTest {
    private static final String DIR = "apt/debian-bookworm-fetched/";

    @Test
    void bookwormInReleaseMatchesTheFetchedPackagesFile() throws IOException, NoSuchAlgorithmException {
        ReleaseFile r = ReleaseFileParser.parse(signedText(Corpus.path(DIR + "InRelease")), "InRelease");
        assertThat(r.origin()).isEqualTo("Debian");
        assertThat(r.label()).isEqualTo("Debian");
        assertThat(r.suite()).isEqualTo("oldstable");
        assertThat(r.codename()).isEqualTo("bookworm");
        assertThat(r.version()).isEqualTo("12.15");
        assertThat(r.date()).isEqualTo(Instant.parse("2026-07-11T10:16:37Z"));
        assertThat(r.validUntil()).isNull(); // the bookworm Release carries no Valid-Until
        assertThat(r.isExpiredAt(Instant.parse("2100-01-01T00:00:00Z"))).isFalse();
        assertThat(r.acquireByHash()).isTrue();
        assertThat(r.noSupportForArchitectureAll()).isTrue();
        assertThat(r.architectures()).startsWith("all", "amd64").hasSize(10);
        assertThat(r.components()).containsExactly("main", "contrib", "non-free-firmware", "non-free");

        Path packages = Corpus.path(DIR + "main/binary-amd64/Packages.gz");
        IndexFile entry = r.file("main/binary-amd64/Packages.gz").orElseThrow();
        assertThat(entry.size()).isEqualTo(Files.size(packages));
        assertThat(entry.checksum(HashAlgorithm.SHA256).orElseThrow().hex()).isEqualTo(sha256(packages));
        assertThat(entry.checksums()).extracting(c -> c.algorithm())
                .containsExactly(HashAlgorithm.MD5, HashAlgorithm.SHA256);
        assertThat(entry.strongest().orElseThrow().algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(r.file("main/binary-amd64/Packages")).get().extracting(IndexFile::size).isEqualTo(50_060_337L);
        assertThat(r.file("no/such/file")).isEmpty();
    }

    @Test
    void releaseAndInReleaseAgree() throws IOException {
        ReleaseFile inRelease = ReleaseFileParser.parse(signedText(Corpus.path(DIR + "InRelease")), "InRelease");
        ReleaseFile release;
        try (InputStream in = Files.newInputStream(Corpus.path(DIR + "Release"))) {
            release = ReleaseFileParser.parse(in, "Release");
        }
        assertThat(release).isEqualTo(inRelease);
        assertThat(release.files()).hasSizeGreaterThan(500);
    }

    @Test
    void bookwormUpdatesListsOnlySha256() throws IOException {
        String dir = "apt/debian-bookworm-updates-fetched/";
        ReleaseFile r = ReleaseFileParser.parse(Files.readString(Corpus.path(dir + "Release")), "Release");
        assertThat(r.codename()).isEqualTo("bookworm-updates");
        assertThat(r.date()).isEqualTo(Instant.parse("2026-11-20T02:11:10Z"));
        assertThat(r.files().values()).allSatisfy(f -> assertThat(f.checksums()).singleElement()
                .extracting(c -> c.algorithm()).isEqualTo(HashAlgorithm.SHA256));
        assertThat(r.file("contrib/Contents-all")).get().extracting(IndexFile::size).isEqualTo(0L);
    }

    @Test
    void validUntilAndOtherZoneSpellings() {
        ReleaseFile r = ReleaseFileParser.parse("Suite: s\nDate: Sat, 10 Aug 2024 09:33:57 UTC\n"
                + "Valid-Until: Sat, 17 Aug 2024 09:33:57 +0000\n", "Release");
        assertThat(r.date()).isEqualTo(Instant.parse("2024-08-10T09:33:57Z"));
        assertThat(r.validUntil()).isEqualTo(Instant.parse("2024-08-17T09:33:57Z"));
        assertThat(r.isExpiredAt(Instant.parse("2024-08-18T00:00:00Z"))).isTrue();
        assertThat(r.isExpiredAt(Instant.parse("2024-08-11T00:00:00Z"))).isFalse();
        assertThat(ReleaseFileParser.parse("Date: Thu, 1 Feb 2024 01:02:03 GMT\n", "R").date())
                .isEqualTo(Instant.parse("2024-02-01T01:02:03Z"));
    }

    @Test
    void notAutomaticSuitesGetAptsLowPriorities() {
        assertThat(ReleaseFileParser.parse("Suite: stable\n", "R").defaultPriority()).isEqualTo(500);
        assertThat(ReleaseFileParser.parse("Suite: experimental\nNotAutomatic: yes\n", "R").defaultPriority())
                .isEqualTo(1);
        assertThat(ReleaseFileParser.parse("Suite: stable-backports\nNotAutomatic: yes\nButAutomaticUpgrades: yes\n",
                "R").defaultPriority()).isEqualTo(100);
        assertThat(ReleaseFileParser.parse("Suite: x\nButAutomaticUpgrades: yes\n", "R").defaultPriority())
                .isEqualTo(500);
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> ReleaseFileParser.parse("Suite: s\nDate: yesterday\n", "Release"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("Release:2: Date is not an RFC 2822 date: 'yesterday'");
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThatThrownBy(() -> ReleaseFileParser.parse("Suite: s\nSHA256:\n " + sha + " 0 a\n " + sha + " b\n",
                "Release")).hasMessageStartingWith("Release:4: SHA256: expected '<digest> <size> <path>'");
        assertThatThrownBy(() -> ReleaseFileParser.parse("MD5Sum:\n d41d8cd98f00b204e9800998ecf8427e 1 a\n"
                + "SHA256:\n " + sha + " 0 a\n", "Release"))
                .hasMessage("Release:4: SHA256: a has size 0 here but 1 in an earlier list");
        assertThatThrownBy(() -> ReleaseFileParser.parse("", "Release")).hasMessage("Release:1: empty Release file");
    }

    @Test
    void checksumLinesAreCutAtRunsOfSpacesAndTabs() {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        ReleaseFile r = ReleaseFileParser.parse("SHA256:\n\t" + sha + " \t 12\tmain/x  \n " + sha + "   0 y\n", "R");
        assertThat(r.file("main/x")).get().satisfies(f -> assertThat(f.size()).isEqualTo(12));
        assertThat(r.file("y")).isPresent();
        assertThatThrownBy(() -> ReleaseFileParser.parse("SHA256:\n " + sha + " 1 a b\n", "R"))
                .hasMessage("R:2: SHA256: expected '<digest> <size> <path>' but found '" + sha + " 1 a b'");
        assertThatThrownBy(() -> ReleaseFileParser.parse("SHA256:\n " + sha + " many a\n", "R"))
                .hasMessageStartingWith("R:2: SHA256: bad entry '" + sha + " many a'");
        assertThatThrownBy(() -> ReleaseFileParser.parse("SHA256:\n abc 1 a\n", "R"))
                .hasMessageStartingWith("R:2: SHA256: bad entry 'abc 1 a'");
    }

    /** Minimal clearsign unwrapping for the test: the real extraction belongs to the signature verifier. */
    static String signedText(Path inRelease) throws IOException {
        String text = Files.readString(inRelease, StandardCharsets.UTF_8);
        int start = text.indexOf("\n\n") + 2; // after "-----BEGIN PGP SIGNED MESSAGE-----" and "Hash:" headers
        int end = text.indexOf("\n-----BEGIN PGP SIGNATURE-----");
        return text.substring(start, end + 1).replace("\n- ", "\n");
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
