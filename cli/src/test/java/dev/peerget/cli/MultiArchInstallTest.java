package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import dev.peerget.testing.ThrowawayRoot;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Two architectures for real: a signed repository whose Release lists amd64 and i386 (built here with dpkg-deb,
 * dpkg-scanpackages, apt-ftparchive and gpg), a root where {@code dpkg --add-architecture i386} was run, and
 * the real dpkg installing an i386 program with its Multi-Arch: same library next to the amd64 one and a
 * Multi-Arch: foreign tool from amd64.
 */
class MultiArchInstallTest {
    @TempDir
    Path dir;
    private StaticHttpServer server;
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        FixtureRepos fixtures = FixtureRepos.get();
        Path repo = Files.createDirectories(dir.resolve("mirror/multi"));
        Path pool = Files.createDirectories(repo.resolve("pool/main"));
        deb(pool, "mx-lib", "amd64", "Multi-Arch: same\n", "usr/lib/x86_64-linux-gnu/mx/libmx.txt");
        deb(pool, "mx-lib", "i386", "Multi-Arch: same\n", "usr/lib/i386-linux-gnu/mx/libmx.txt");
        deb(pool, "mx-tool", "amd64", "Multi-Arch: foreign\n", "usr/bin/mx-tool");
        deb(pool, "mx-app", "i386", "Depends: mx-lib, mx-tool\n", "usr/share/mx-app/README");
        for (String arch : List.of("amd64", "i386")) {
            Path index = Files.createDirectories(repo.resolve("dists/stable/main/binary-" + arch));
            String packages = run(repo, "dpkg-scanpackages", "-a", arch, "pool");
            Files.writeString(index.resolve("Packages"), packages);
            run(index, "xz", "-k", "Packages");
        }
        String release = run(repo.resolve("dists/stable"), "apt-ftparchive",
                "-o", "APT::FTPArchive::Release::Suite=stable", "-o", "APT::FTPArchive::Release::Codename=stable",
                "-o", "APT::FTPArchive::Release::Architectures=amd64 i386",
                "-o", "APT::FTPArchive::Release::Components=main", "release", ".");
        Files.writeString(repo.resolve("dists/stable/Release"), release);
        Path gpgHome = Files.createDirectories(dir.resolve("g"));
        Files.setPosixFilePermissions(gpgHome, PosixFilePermissions.fromString("rwx------"));
        run(dir, "gpg", "--homedir", gpgHome.toString(), "--batch", "--import",
                fixtures.root().resolve("keys/repo.secret.asc").toString());
        run(dir, "gpg", "--homedir", gpgHome.toString(), "--batch", "--yes", "--local-user", fixtures.fingerprint(),
                "--clearsign", "--output", repo.resolve("dists/stable/InRelease").toString(),
                repo.resolve("dists/stable/Release").toString());
        server = StaticHttpServer.serve(dir.resolve("mirror"));

        root = ThrowawayRoot.create(dir.resolve("root")).withShell();
        Path r = root.path();
        Files.createDirectories(r.resolve("etc/apt/keys"));
        Files.copy(fixtures.keyBinary(), r.resolve("etc/apt/keys/fixture.gpg"));
        Files.writeString(r.resolve("etc/apt/sources.list"), "deb [signed-by=/etc/apt/keys/fixture.gpg] "
                + server.baseUri().resolve("multi/") + " stable main\n");
        Files.createDirectories(r.resolve("etc/peerget"));
        // No foreign_architectures here: dpkg's own record of them counts, as for apt.
        Files.writeString(r.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n"
                + "seed = off\n");
        Files.createDirectories(root.resolve("/var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("/var/lib/dpkg/updates"));
        Files.writeString(root.resolve("/var/lib/dpkg/status"), "");
        run(dir, "dpkg", "--root=" + r, "--admindir=" + root.dpkgAdminDir(), "--add-architecture", "i386");
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    /** Builds {@code name_1.0-1_arch.deb} shipping one file, with extra control fields. */
    private void deb(Path pool, String name, String arch, String fields, String file) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("build/" + name + "-" + arch));
        Files.createDirectories(tree.resolve("DEBIAN"));
        Files.writeString(tree.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: 1.0-1\nArchitecture: "
                + arch + "\nMaintainer: peerget tests <tests@peerget.invalid>\n" + fields
                + "Description: " + name + " for the two-architecture test\n");
        Path shipped = tree.resolve(file);
        Files.createDirectories(shipped.getParent());
        Files.writeString(shipped, name + " " + arch + "\n");
        run(dir, "dpkg-deb", "--root-owner-group", "--build", tree.toString(),
                pool.resolve(name + "_1.0-1_" + arch + ".deb").toString());
    }

    private static String run(Path cwd, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }

    private CliRun peerget(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root.path().toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void bothArchitecturesAreFetchedAndAnI386ProgramInstallsBesideAmd64() throws Exception {
        CliRun update = peerget("update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
        assertThat(update.stdout()).contains("main amd64 Packages").contains("main i386 Packages");

        CliRun app = peerget("install", "-y", "mx-app:i386");
        assertThat(app.exitCode()).as(app.stdout() + app.stderr()).isZero();
        CliRun lib = peerget("install", "-y", "mx-lib:amd64");
        assertThat(lib.exitCode()).as(lib.stdout() + lib.stderr()).isZero();

        assertThat(root.dpkgPackages()).containsEntry("mx-app:i386", "1.0-1 installed")
                .containsEntry("mx-lib:i386", "1.0-1 installed").containsEntry("mx-lib:amd64", "1.0-1 installed")
                .containsEntry("mx-tool:amd64", "1.0-1 installed").doesNotContainKey("mx-tool:i386");
        assertThat(root.resolve("/usr/lib/i386-linux-gnu/mx/libmx.txt")).hasContent("mx-lib i386");
        assertThat(root.resolve("/usr/lib/x86_64-linux-gnu/mx/libmx.txt")).hasContent("mx-lib amd64");
    }
}
