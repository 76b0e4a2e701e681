package dev.peerget.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.engine.TestGpg;
import dev.peerget.engine.ToolLocator;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentFile;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.TorrentIndex;
import dev.peerget.repo.deb.IndexFile;
import dev.peerget.repo.deb.ReleaseFileParser;
import dev.peerget.repo.rpm.Repomd;
import dev.peerget.repo.rpm.RepomdData;
import dev.peerget.repo.rpm.RepomdParser;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirror torrent} on copies of the fixture repositories, checked with the real tools: gpgv on the new
 * signatures, apt-get update on the edited Release, createrepo_c's modifyrepo_c on the edited repomd, and the
 * torrents' files against the package files on disk.
 */
class TorrentPublisherTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;
    private FixtureRepos fixtures;
    private TestGpg gpg;
    private final TorrentPublisher publisher = new TorrentPublisher(ToolLocator.fromPath(System.getenv("PATH")),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void setUp() throws IOException {
        fixtures = FixtureRepos.get().copyTo(dir.resolve("repos"));
        gpg = TestGpg.withFixtureKey(fixtures, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        gpg.close();
    }

    private PublishRequest signed(Path root) {
        return PublishRequest.of(root).withSigning(gpg.fingerprint(), gpg.home());
    }

    @Test
    void aptSuiteTorrentIsListedInTheReleaseSignedAndAptStillAcceptsIt() throws Exception {
        Corpus.requireCommand("gpgv");
        Corpus.requireCommand("apt-get");
        Path apt = fixtures.aptRoot();
        Path suite = apt.resolve("dists/stable");
        try (StaticHttpServer server = StaticHttpServer.serve(fixtures.root())) {
            PublishReport report = publisher.publish(signed(apt)
                    .withWebSeeds(List.of(server.baseUri().resolve("apt/").toString())));

            assertThat(report.format()).isEqualTo("apt");
            assertThat(report.name()).isEqualTo("apt");
            assertThat(report.urlList()).containsExactly(server.baseUri().toString());
            IndexTorrent published = report.torrents().get(0);
            assertThat(report.torrents()).hasSize(1);
            assertThat(published.index()).isEqualTo("dists/stable");
            assertThat(published.changedFiles()).containsExactly(suite.resolve("peerget.torrent"),
                    suite.resolve("Release"));
            assertThat(report.signatures()).extracting(IndexSignature::signature)
                    .containsExactly(suite.resolve("InRelease"), suite.resolve("Release.gpg"));
            assertThat(report.signedWith()).isEqualTo(gpg.fingerprint());
            assertThat(report.resignCommands()).isEmpty();

            RepositoryTorrent torrent = RepositoryTorrent.read(suite.resolve("peerget.torrent"));
            assertThat(torrent.name()).isEqualTo("apt");
            assertThat(torrent.infoHash()).isEqualTo(published.infoHash());
            assertThat(filesOf(torrent)).isEqualTo(packageFilesUnder(apt, ".deb")).hasSize(15);
            assertThat(published.files()).isEqualTo(15);

            IndexFile listed = ReleaseFileParser.parse(Files.readString(suite.resolve("Release")), "Release")
                    .file(TorrentIndex.APT_PATH).orElseThrow();
            byte[] bytes = Files.readAllBytes(suite.resolve("peerget.torrent"));
            assertThat(listed.size()).isEqualTo(bytes.length);
            for (HashAlgorithm algorithm : HashAlgorithm.values()) {
                assertThat(listed.checksum(algorithm)).as(algorithm.name()).get()
                        .extracting(c -> c.hex()).isEqualTo(digest(algorithm, bytes));
            }

            assertThat(gpgv(suite.resolve("InRelease"))).isZero();
            assertThat(gpgv(suite.resolve("Release.gpg"), suite.resolve("Release"))).isZero();
            AptGetRoot aptGet = new AptGetRoot(dir.resolve("apt-get"), server.baseUri().resolve("apt/"),
                    fixtures.keyBinary());
            AptGetRoot.Result update = aptGet.run("apt-get", "update");
            assertThat(update.exitCode()).as(update.output()).isZero();
            assertThat(update.output()).doesNotContainPattern("(?m)^[WE]:");

            // BEP 19: a client asks the web seed for URL + NAME + "/" + PATH; the mirror's own tree answers.
            TorrentFile hello = torrent.file("pool/main/p/pg-hello/pg-hello_1.0-1_amd64.deb").orElseThrow();
            URI webSeedUrl = URI.create(report.urlList().get(0) + torrent.name() + "/" + hello.path());
            HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(webSeedUrl).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(Files.readAllBytes(apt.resolve(hello.path())));
        }
    }

    @Test
    void yumTorrentIsARepomdEntryThatCreaterepoReads() throws Exception {
        Corpus.requireCommand("gpgv");
        Corpus.requireCommand("modifyrepo_c");
        Path yum = fixtures.yumRoot();
        PublishReport report = publisher.publish(signed(yum)
                .withWebSeeds(List.of("http://mirror.example/centos/yum/")));

        assertThat(report.format()).isEqualTo("yum");
        assertThat(report.urlList()).containsExactly("http://mirror.example/centos/");
        IndexTorrent published = report.torrents().get(0);
        byte[] bytes = Files.readAllBytes(published.torrentFile());
        String sha256 = digest(HashAlgorithm.SHA256, bytes);
        RepomdData entry = repomd(yum).data(TorrentIndex.REPOMD_TYPE).orElseThrow();
        assertThat(entry.location()).isEqualTo("repodata/" + sha256 + "-peerget.torrent");
        assertThat(published.torrentFile()).isEqualTo(yum.resolve(entry.location()));
        assertThat(entry.checksum().hex()).isEqualTo(sha256);
        assertThat(entry.size()).isEqualTo(bytes.length);
        assertThat(entry.timestamp()).isEqualTo(NOW.getEpochSecond());
        assertThat(repomd(yum).data("primary")).isPresent();

        RepositoryTorrent torrent = RepositoryTorrent.parse(bytes);
        assertThat(torrent.name()).isEqualTo("yum");
        assertThat(filesOf(torrent)).isEqualTo(packageFilesUnder(yum, ".rpm")).hasSize(16);
        assertThat(report.signatures()).extracting(IndexSignature::signature)
                .containsExactly(yum.resolve("repodata/repomd.xml.asc"));
        assertThat(gpgv(yum.resolve("repodata/repomd.xml.asc"), yum.resolve("repodata/repomd.xml"))).isZero();

        // createrepo_c's own repomd parser reads the edited file and finds the entry to remove.
        Path copy = Files.createDirectories(dir.resolve("modifyrepo/repodata"));
        try (Stream<Path> files = Files.list(yum.resolve("repodata"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        gpg.run("modifyrepo_c", "--remove", "torrent", copy.toString());
        assertThat(repomd(copy.getParent()).data(TorrentIndex.REPOMD_TYPE)).isEmpty();
        assertThat(repomd(copy.getParent()).data()).hasSize(repomd(yum).data().size() - 1);
    }

    @Test
    void runningAgainOnAnUnchangedRepositoryWritesNothing() throws Exception {
        Path suite = fixtures.aptRoot().resolve("dists/stable");
        publisher.publish(signed(fixtures.aptRoot()));
        publisher.publish(signed(fixtures.yumRoot()));
        Map<Path, FileTime> before = mtimes(suite, fixtures.yumRoot().resolve("repodata"));

        PublishReport apt = publisher.publish(signed(fixtures.aptRoot()));
        PublishReport yum = publisher.publish(signed(fixtures.yumRoot()));

        assertThat(apt.changedFiles()).isEmpty();
        assertThat(yum.changedFiles()).isEmpty();
        assertThat(apt.signatures()).isEmpty();
        assertThat(mtimes(suite, fixtures.yumRoot().resolve("repodata"))).isEqualTo(before);
    }

    @Test
    void withoutASigningKeyTheStaleSignaturesAreNamedWithTheCommandsThatFixThem() throws Exception {
        Corpus.requireCommand("gpgv");
        Path suite = fixtures.aptRoot().resolve("dists/stable");

        PublishReport first = publisher.publish(PublishRequest.of(fixtures.aptRoot()));

        assertThat(first.signed()).isFalse();
        assertThat(first.signatures()).extracting(IndexSignature::signature)
                .containsExactly(suite.resolve("InRelease"), suite.resolve("Release.gpg"));
        assertThat(first.suggestedKey()).isEqualTo(gpg.fingerprint());
        assertThat(first.resignCommands()).containsExactly(
                "gpg --batch --yes --local-user " + gpg.fingerprint() + " --digest-algo SHA512 --clearsign --output "
                        + suite.resolve("InRelease") + " " + suite.resolve("Release"),
                "gpg --batch --yes --local-user " + gpg.fingerprint() + " --digest-algo SHA512 --armor --detach-sign"
                        + " --output " + suite.resolve("Release.gpg") + " " + suite.resolve("Release"));
        // The old InRelease still verifies (over the old text), which is exactly why it must be called stale.
        assertThat(gpgv(suite.resolve("InRelease"))).isZero();
        assertThat(gpgv(suite.resolve("Release.gpg"), suite.resolve("Release"))).isNotZero();

        PublishReport again = publisher.publish(PublishRequest.of(fixtures.aptRoot()));
        assertThat(again.changedFiles()).isEmpty();
        assertThat(again.signatures()).as("still stale: said again").hasSize(2);

        first.resignCommands().forEach(gpg::runAsOperator);
        assertThat(publisher.publish(PublishRequest.of(fixtures.aptRoot())).signatures()).isEmpty();
        assertThat(gpgv(suite.resolve("InRelease"))).isZero();
        assertThat(gpgv(suite.resolve("Release.gpg"), suite.resolve("Release"))).isZero();

        PublishReport yum = publisher.publish(PublishRequest.of(fixtures.yumRoot()));
        assertThat(yum.resignCommands()).singleElement().asString()
                .endsWith("--armor --detach-sign --output " + fixtures.yumRoot().resolve("repodata/repomd.xml.asc")
                        + " " + fixtures.yumRoot().resolve("repodata/repomd.xml"));
    }

    @Test
    void aptRepositoryChangedAndReindexedGetsAFreshTorrent() throws Exception {
        Corpus.requireCommand("dpkg-deb");
        Corpus.requireCommand("dpkg-scanpackages");
        Corpus.requireCommand("apt-ftparchive");
        Path apt = fixtures.aptRoot();
        Path suite = apt.resolve("dists/stable");
        PublishReport first = publisher.publish(signed(apt));

        Path pkg = Files.createDirectories(dir.resolve("pg-new/DEBIAN"));
        Files.writeString(pkg.resolve("control"), "Package: pg-new\nVersion: 1.0-1\nArchitecture: all\n"
                + "Maintainer: peerget fixtures <fixture@peerget.invalid>\nDescription: added after publishing\n");
        Path deb = Files.createDirectories(apt.resolve("pool/main/p/pg-new")).resolve("pg-new_1.0-1_all.deb");
        gpg.run("dpkg-deb", "--root-owner-group", "--build", pkg.getParent().toString(), deb.toString());
        Path packages = suite.resolve("main/binary-amd64/Packages");
        Files.writeString(packages, shell(apt, "dpkg-scanpackages -m -a amd64 pool/main 2>/dev/null"));
        shell(suite, "gzip -9nkf main/binary-amd64/Packages && xz -kf main/binary-amd64/Packages");
        Files.writeString(suite.resolve("Release"), shell(suite, "apt-ftparchive"
                + " -o APT::FTPArchive::Release::Suite=stable -o APT::FTPArchive::Release::Codename=stable"
                + " -o APT::FTPArchive::Release::Architectures=amd64"
                + " -o 'APT::FTPArchive::Release::Components=main contrib' release ."));

        PublishReport second = publisher.publish(signed(apt));

        IndexTorrent torrent = second.torrents().get(0);
        assertThat(torrent.infoHash()).isNotEqualTo(first.torrents().get(0).infoHash());
        assertThat(torrent.files()).isEqualTo(16);
        assertThat(filesOf(RepositoryTorrent.read(torrent.torrentFile()))).isEqualTo(packageFilesUnder(apt, ".deb"))
                .containsKey("pool/main/p/pg-new/pg-new_1.0-1_all.deb");
        assertThat(ReleaseFileParser.parse(Files.readString(suite.resolve("Release")), "Release")
                .file(TorrentIndex.APT_PATH).orElseThrow().size()).isEqualTo(Files.size(torrent.torrentFile()));
        assertThat(gpgv(suite.resolve("InRelease"))).isZero();
    }

    @Test
    void yumRepositoryRebuiltByCreaterepoGetsAFreshTorrentAndTheOldOneGoes() throws Exception {
        Corpus.requireCommand("createrepo_c");
        Path yum = fixtures.yumRoot();
        IndexTorrent first = publisher.publish(signed(yum)).torrents().get(0);
        Files.copy(yum.resolve("Packages/pg-data-1.0-1.noarch.rpm"), yum.resolve("Packages/pg-data-copy.rpm"));
        gpg.run("createrepo_c", "--quiet", "--general-compress-type=xz", "--checksum", "sha256", yum.toString());
        assertThat(repomd(yum).data(TorrentIndex.REPOMD_TYPE)).as("createrepo_c drops unknown entries").isEmpty();
        // createrepo_c 1.x deletes the old file with the old metadata; a leftover (older createrepo, a manual
        // rebuild) must go too.
        Path leftover = Files.writeString(yum.resolve("repodata/" + "0".repeat(64) + "-peerget.torrent"), "old");

        PublishReport second = publisher.publish(signed(yum));

        IndexTorrent torrent = second.torrents().get(0);
        assertThat(torrent.files()).isEqualTo(17);
        assertThat(filesOf(RepositoryTorrent.read(torrent.torrentFile()))).containsKey("Packages/pg-data-copy.rpm");
        assertThat(first.torrentFile()).doesNotExist();
        assertThat(leftover).doesNotExist();
        try (Stream<Path> files = Files.list(yum.resolve("repodata"))) {
            assertThat(files.filter(f -> f.toString().endsWith("-peerget.torrent"))).containsExactly(
                    torrent.torrentFile());
        }
        assertThat(second.signatures()).hasSize(1);
        assertThat(gpgv(yum.resolve("repodata/repomd.xml.asc"), yum.resolve("repodata/repomd.xml"))).isZero();
    }

    @Test
    void hybridTorrentsArePublishedUnderTheirV1InfoHashAndReplaceTheV1One() throws Exception {
        Path apt = fixtures.aptRoot();
        Path suite = apt.resolve("dists/stable");
        IndexTorrent v1 = publisher.publish(signed(apt)).torrents().get(0);
        PublishRequest hybrid = new PublishRequest(apt, null, List.of(), List.of(), TorrentFormat.HYBRID,
                gpg.fingerprint(), gpg.home());
        IndexTorrent published = publisher.publish(hybrid).torrents().get(0);

        assertThat(published.changedFiles()).containsExactly(suite.resolve("peerget.torrent"),
                suite.resolve("Release"));
        byte[] bytes = Files.readAllBytes(suite.resolve("peerget.torrent"));
        // BEP 52's keys, bencoded (HybridTorrentTest checks their contents).
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("12:meta versioni2e", "9:file treed", "12:piece layersd");
        RepositoryTorrent torrent = RepositoryTorrent.read(suite.resolve("peerget.torrent"));
        assertThat(torrent.infoHash()).isEqualTo(published.infoHash()).isNotEqualTo(v1.infoHash());
        assertThat(filesOf(torrent)).isEqualTo(packageFilesUnder(apt, ".deb")).hasSize(15);
        IndexFile listed = ReleaseFileParser.parse(Files.readString(suite.resolve("Release")), "Release")
                .file(TorrentIndex.APT_PATH).orElseThrow();
        assertThat(listed.size()).isEqualTo(bytes.length);
        assertThat(listed.checksum(HashAlgorithm.SHA256)).get().extracting(c -> c.hex())
                .isEqualTo(digest(HashAlgorithm.SHA256, bytes));
        assertThat(gpgv(suite.resolve("InRelease"))).isZero();

        assertThat(publisher.publish(hybrid).torrents().get(0).changed()).as("unchanged the second time").isFalse();
        assertThat(publisher.publish(signed(apt)).torrents().get(0).infoHash()).isEqualTo(v1.infoHash());
    }

    @Test
    void webSeedMustEndInTheTorrentName() {
        PublishRequest request = new PublishRequest(fixtures.aptRoot(), "debian", List.of("http://m.example/apt/"),
                List.of(), TorrentFormat.V1, null, null);
        assertThatThrownBy(() -> publisher.publish(request)).isInstanceOf(MirrorException.class)
                .hasMessageContaining("web seed http://m.example/apt/ does not end in the torrent name 'debian'")
                .extracting(e -> ((MirrorException) e).hint().orElseThrow()).asString().contains("--name apt");
        assertThatThrownBy(() -> publisher.publish(PublishRequest.of(fixtures.aptRoot())
                .withWebSeeds(List.of("http://m.example/")))).isInstanceOf(MirrorException.class)
                .hasMessageContaining("does not end in the torrent name 'apt'");
    }

    @Test
    void notARepositoryAndAMissingPackageAreNamed() throws Exception {
        assertThatThrownBy(() -> publisher.publish(PublishRequest.of(fixtures.aptRoot().resolve("dists/stable"))))
                .isInstanceOf(MirrorException.class).hasMessageContaining("is neither an apt archive")
                .extracting(e -> ((MirrorException) e).hint().orElseThrow()).asString()
                .contains("give " + fixtures.aptRoot());
        Path release = fixtures.aptRoot().resolve("dists/stable/Release");
        String before = Files.readString(release);
        Files.delete(fixtures.aptRoot().resolve("pool/main/p/pg-hello/pg-hello_1.0-1_amd64.deb"));
        assertThatThrownBy(() -> publisher.publish(PublishRequest.of(fixtures.aptRoot())))
                .isInstanceOf(MirrorException.class)
                .hasMessageContaining("missing under " + fixtures.aptRoot())
                .hasMessageContaining("pool/main/p/pg-hello/pg-hello_1.0-1_amd64.deb");
        assertThat(Files.readString(release)).isEqualTo(before);
        assertThat(release.resolveSibling("peerget.torrent")).doesNotExist();
    }

    /** Path to size of every package file under {@code root}, the independent view of what a torrent must hold. */
    static Map<String, Long> packageFilesUnder(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(suffix)).collect(Collectors.toMap(
                    f -> root.relativize(f).toString(), f -> f.toFile().length(), (a, b) -> a, TreeMap::new));
        }
    }

    static Map<String, Long> filesOf(RepositoryTorrent torrent) {
        return torrent.files().stream().collect(Collectors.toMap(TorrentFile::path, TorrentFile::size, (a, b) -> a,
                TreeMap::new));
    }

    private static Repomd repomd(Path root) throws IOException {
        try (InputStream in = Files.newInputStream(root.resolve("repodata/repomd.xml"))) {
            return RepomdParser.parse(in, "repomd.xml");
        }
    }

    private int gpgv(Path... files) throws Exception {
        String[] command = new String[files.length + 3];
        command[0] = "gpgv";
        command[1] = "--keyring";
        command[2] = fixtures.keyBinary().toString();
        for (int i = 0; i < files.length; i++) {
            command[i + 3] = files[i].toString();
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private String shell(Path cwd, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script).directory(cwd.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(script).isZero();
        return out;
    }

    private static Map<Path, FileTime> mtimes(Path... dirs) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        for (Path d : dirs) {
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    out.put(f, Files.getLastModifiedTime(f));
                }
            }
        }
        return out;
    }

    private static String digest(HashAlgorithm algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.javaName()).digest(data));
    }
}
