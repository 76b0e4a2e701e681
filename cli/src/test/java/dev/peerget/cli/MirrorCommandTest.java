package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peerget mirror} in-process on copies of the fixture repositories (output against golden files with the
 * temporary paths, hashes and key filtered), and {@code mirror seed} as a real process stopped by SIGTERM.
 */
class MirrorCommandTest {
    @TempDir
    Path dir;
    private FixtureRepos fixtures;
    private Path gnupg;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = FixtureRepos.get().copyTo(dir.resolve("repos"));
        gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
        run(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--import",
                fixtures.root().resolve("keys/repo.secret.asc").toString()));
    }

    @AfterEach
    void stopAgent() throws Exception {
        new ProcessBuilder("gpgconf", "--homedir", gnupg.toString(), "--kill", "all").start().waitFor(10,
                TimeUnit.SECONDS);
    }

    private CliRun peerget(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", dir.resolve("root").toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(new String[0]));
    }

    /**
     * Hides what changes between runs and fixture builds: temporary paths, the key, digests and info hashes, and
     * package counts and sizes (the fixture universe grows).
     */
    private String filtered(String s) {
        return s.replace(fixtures.root().toString(), "REPOS").replace(gnupg.toString(), "GNUPG")
                .replace(fixtures.fingerprint(), "FINGERPRINT")
                .replaceAll("[0-9a-f]{64}-peerget", "SHA256-peerget")
                .replaceAll("info hash [0-9a-f]{40}", "info hash HASH")
                .replaceAll("\\d+ packages, [0-9.]+ (B|kB|MB)", "N packages, SIZE");
    }

    @Test
    void torrentPublishesAndSignsAnAptArchive() throws Exception {
        String apt = fixtures.aptRoot().toString();
        CliRun first = peerget("mirror", "torrent", apt, "--web-seed", "http://mirror.example/debian/apt/",
                "--sign-key", fixtures.fingerprint(), "--gpg-homedir", gnupg.toString());

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stderr()).isEmpty();
        Golden.check("mirror-torrent-apt-signed", filtered(first.stdout()));

        CliRun again = peerget("mirror", "torrent", apt, "--web-seed", "http://mirror.example/debian/apt/",
                "--sign-key", fixtures.fingerprint(), "--gpg-homedir", gnupg.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("(unchanged)").doesNotContain("Wrote", "Signed");
    }

    @Test
    void torrentWithoutAKeyNamesTheStaleSignatureAndTheCommand() throws Exception {
        CliRun r = peerget("mirror", "torrent", fixtures.yumRoot().toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Golden.check("mirror-torrent-yum-unsigned", filtered(r.stdout()));
        Golden.check("mirror-torrent-yum-unsigned-stderr", filtered(r.stderr()));
    }

    /** The client side end to end: update fetches the published torrent and repolist shows it. */
    @Test
    void updateFindsThePublishedTorrentAndRepolistShowsIt() throws Exception {
        String apt = fixtures.aptRoot().toString();
        assertThat(peerget("mirror", "torrent", apt, "--sign-key", fixtures.fingerprint(), "--gpg-homedir",
                gnupg.toString()).exitCode()).isZero();
        String infoHash = dev.peerget.fetch.torrent.RepositoryTorrent.read(
                fixtures.aptRoot().resolve("dists/stable/peerget.torrent")).infoHash();
        Path root = dir.resolve("root");
        try (StaticHttpServer server = StaticHttpServer.serve(fixtures.root())) {
            Files.createDirectories(root.resolve("etc/apt/keys"));
            Files.copy(fixtures.keyBinary(), root.resolve("etc/apt/keys/fixture.gpg"));
            Files.writeString(root.resolve("etc/apt/sources.list"), "deb [signed-by=/etc/apt/keys/fixture.gpg] "
                    + server.baseUri().resolve("apt/") + " stable main contrib\n");
            Files.createDirectories(root.resolve("etc/peerget"));
            Files.writeString(root.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n");

            CliRun update = peerget("update");
            assertThat(update.exitCode()).as(update.stderr()).isZero();
            assertThat(update.stdout()).containsPattern("Get:\\d+ " + server.baseUri() + "apt stable peerget.torrent");
            CliRun repolist = peerget("repolist", "--json");
            assertThat(repolist.stdout()).contains("\"torrent\":\"" + infoHash + "\"");
        }
    }

    @Test
    void usageAndRefusals() {
        CliRun usage = peerget("mirror");
        assertThat(usage.exitCode()).isZero();
        assertThat(usage.stdout()).contains("Usage: peerget mirror", "torrent", "seed");

        CliRun missing = peerget("mirror", "torrent");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(missing.stderr()).contains("E: Missing required parameter: 'REPO_ROOT'")
                .contains("hint: see 'peerget mirror torrent --help'");

        CliRun badFormat = peerget("mirror", "torrent", "--format", "v3", fixtures.aptRoot().toString());
        assertThat(badFormat.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(badFormat.stderr()).contains("--format");

        CliRun notRepo = peerget("mirror", "torrent", dir.toString());
        assertThat(notRepo.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(notRepo.stderr()).startsWith("E: " + dir + " is neither an apt archive");

        CliRun nothingToSeed = peerget("mirror", "seed", fixtures.aptRoot().toString());
        assertThat(nothingToSeed.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(nothingToSeed.stderr()).isEqualTo("E: no torrent is published in " + fixtures.aptRoot()
                + "\nhint: run 'peerget mirror torrent " + fixtures.aptRoot() + "' first\n");

        // Accepted since hybrids are written; what is published is checked in TorrentPublisherTest.
        CliRun hybrid = peerget("mirror", "torrent", "--format", "hybrid", fixtures.aptRoot().toString());
        assertThat(hybrid.exitCode()).as(hybrid.stderr()).isZero();
        String infoHash = dev.peerget.fetch.torrent.RepositoryTorrent.read(
                fixtures.aptRoot().resolve("dists/stable/peerget.torrent")).infoHash();
        assertThat(hybrid.stdout()).contains("info hash " + infoHash);
    }

    /** The real thing: a separate JVM seeding until SIGTERM, which also ends its torrent engine child. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void seedPrintsStatusLinesAndStopsOnSigterm() throws Exception {
        assertThat(peerget("mirror", "torrent", fixtures.aptRoot().toString()).exitCode()).isZero();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process seeder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName(), "--root", dir.resolve("root").toString(), "mirror", "seed",
                fixtures.aptRoot().toString(), "--listen", "127.0.0.1:0", "--local", "--state-dir",
                dir.resolve("state").toString(), "--status-interval", "1")
                .redirectError(dir.resolve("seed.err").toFile()).start();
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> engine;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(seeder.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("dists/stable: SEEDING")) {
                lines.add(line);
            }
            assertThat(line).as("output so far: %s; stderr: %s", lines, Files.readString(dir.resolve("seed.err")))
                    .isNotNull();
            engine = seeder.descendants().toList();
            assertThat(lines.get(0)).matches("Seeding 1 torrent of " + fixtures.aptRoot()
                    + " on port \\d+ \\(interrupt to stop\\)");
            assertThat(line).matches("dists/stable: SEEDING, ([0-9.]+ kB) of \\1 verified");
            assertThat(engine).as("the torrent engine child").isNotEmpty();

            seeder.destroy();
            assertThat(seeder.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        for (ProcessHandle child : engine) {
            child.onExit().get(15, TimeUnit.SECONDS);
        }
        assertThat(engine).noneMatch(ProcessHandle::isAlive);
    }

    private static void run(List<String> command) throws Exception {
        Corpus.requireCommand(command.get(0));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(command + ": " + out).isTrue();
    }
}
