package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerget.engine.fetch.Privileges;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user without root may do, as with apt-cache and apt-get download: query the metadata that root's update
 * stored, simulate, and download verified files into a directory of their own; update, which writes the
 * system's state, fails with a clear error and changes nothing. The commands run in a separate JVM as
 * {@code nobody} (needs root to switch user, as the project's tests run in CI).
 */
class NonRootUserTest {
    @TempDir
    static Path work;
    private static Path root;
    private static Path classPath;
    private static StaticHttpServer server;
    private static FixtureRepos fixtures;

    record Run(int exitCode, String stdout, String stderr) { }

    @BeforeAll
    static void updateAsRoot() throws Exception {
        assumeTrue(Privileges.isRoot(), "switching to another user needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        root = Files.createDirectory(work.resolve("root"));
        fixtures = FixtureRepos.get().copyTo(Files.createDirectory(work.resolve("mirror")));
        server = StaticHttpServer.serve(fixtures.root());
        Files.createDirectories(root.resolve("etc/apt/keys"));
        Files.copy(fixtures.keyBinary(), root.resolve("etc/apt/keys/fixture.gpg"));
        Files.writeString(root.resolve("etc/apt/sources.list"), "deb [signed-by=/etc/apt/keys/fixture.gpg] "
                + server.baseUri().resolve("apt/") + " stable main contrib\n");
        Files.createDirectories(root.resolve("etc/peerget"));
        Files.writeString(root.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n"
                + "torrent = false\n");
        CliRun update = CliRun.of("--root", root.toString(), "update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
        classPath = work.resolve("cp");
        Files.createDirectory(classPath);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Run asNobody(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", Privileges.readableClassPath(classPath),
                Main.class.getName(), "--root", root.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void queriesAndSimulationsWork() throws Exception {
        byte[] before = Files.readAllBytes(root.resolve("var/lib/peerget/metadata.db"));
        Run search = asNobody(work, "search", "pg-mta");
        assertThat(search.exitCode()).as(search.stderr()).isZero();
        assertThat(search.stdout()).contains("pg-mta-a");
        Run show = asNobody(work, "show", "pg-hello");
        assertThat(show.exitCode()).as(show.stderr()).isZero();
        assertThat(show.stdout()).contains("Package: pg-hello");
        Run policy = asNobody(work, "policy", "pg-libgreet");
        assertThat(policy.exitCode()).as(policy.stderr()).isZero();
        assertThat(policy.stdout()).contains("Candidate:");
        Run plan = asNobody(work, "install", "-s", "pg-hello");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("Inst pg-hello");
        assertThat(Files.readAllBytes(root.resolve("var/lib/peerget/metadata.db"))).isEqualTo(before);
    }

    @Test
    void updateFailsClearlyAndChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(root.resolve("var/lib/peerget/metadata.db"));
        Run update = asNobody(work, "update");
        assertThat(update.exitCode()).isNotZero();
        assertThat(update.stderr()).startsWith("E: ").contains("hint: ");
        assertThat(Files.readAllBytes(root.resolve("var/lib/peerget/metadata.db"))).isEqualTo(before);
    }

    @Test
    void downloadWritesVerifiedFilesIntoTheUsersDirectory() throws Exception {
        Path dest = Files.createDirectory(work.resolve("dest"));
        Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run download = asNobody(dest, "download", "pg-hello");
        assertThat(download.exitCode()).as(download.stderr()).isZero();
        try (var files = Files.list(dest)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().endsWith(".deb")).toList();
            assertThat(debs).hasSize(1);
            assertThat(debs.get(0).getFileName().toString()).startsWith("pg-hello_");
            assertThat(sha256(debs.get(0))).isEqualTo(sha256(findServed(debs.get(0).getFileName().toString())));
        }
        try (var left = Files.list(dest)) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".deb"));
        }
    }

    private static Path findServed(String name) throws IOException {
        try (var all = Files.walk(fixtures.root().resolve("apt"))) {
            return all.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
