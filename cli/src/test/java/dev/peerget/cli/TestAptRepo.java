package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small signed apt repository built by a test with the real tools: dpkg-deb for the packages,
 * dpkg-scanpackages for each suite's Packages, apt-ftparchive for its Release, gpg (the fixtures' key) for
 * InRelease. Each suite has one component, {@code main}, and its own pool.
 */
final class TestAptRepo {
    private final Path root;
    private final Path work;
    private final Path gpgHome;
    private final FixtureRepos fixtures = FixtureRepos.get();

    /** A repository under {@code root} (served as is), building in {@code work}. */
    TestAptRepo(Path root, Path work) throws Exception {
        this.root = Files.createDirectories(root);
        this.work = Files.createDirectories(work);
        this.gpgHome = Files.createDirectories(work.resolve("g"));
        Files.setPosixFilePermissions(gpgHome, PosixFilePermissions.fromString("rwx------"));
        run(work, "gpg", "--homedir", gpgHome.toString(), "--batch", "--import",
                fixtures.root().resolve("keys/repo.secret.asc").toString());
    }

    /** Builds {@code name_version_arch.deb} into the pool of {@code dist}, shipping one file. */
    TestAptRepo deb(String dist, String name, String version, String arch, String fields, String file)
            throws Exception {
        Path tree = Files.createDirectories(work.resolve("build/" + dist + "/" + name + "-" + version + "-" + arch));
        Files.createDirectories(tree.resolve("DEBIAN"));
        Files.writeString(tree.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: " + version
                + "\nArchitecture: " + arch + "\nMaintainer: peerget tests <tests@peerget.invalid>\n" + fields
                + "Description: " + name + " for a peerget test\n");
        Path shipped = tree.resolve(file);
        Files.createDirectories(shipped.getParent());
        Files.writeString(shipped, name + " " + version + " " + arch + "\n");
        Path pool = Files.createDirectories(root.resolve("pool/" + dist));
        run(work, "dpkg-deb", "--root-owner-group", "--build", tree.toString(),
                pool.resolve(name + "_" + version + "_" + arch + ".deb").toString());
        return this;
    }

    /**
     * Writes {@code dists/DIST}: Packages (and .xz) for each architecture, a Release naming {@code suite} and
     * {@code codename} with {@code releaseFields} (e.g. {@code NotAutomatic: yes}) added, and its InRelease.
     */
    TestAptRepo suite(String dist, String suite, String codename, List<String> archs, String releaseFields)
            throws Exception {
        Path dir = root.resolve("dists/" + dist);
        for (String arch : archs) {
            Path index = Files.createDirectories(dir.resolve("main/binary-" + arch));
            Files.writeString(index.resolve("Packages"), run(root, "dpkg-scanpackages", "-a", arch, "pool/" + dist));
            run(index, "xz", "-kf", "Packages");
        }
        List<String> command = new ArrayList<>(List.of("apt-ftparchive",
                "-o", "APT::FTPArchive::Release::Suite=" + suite,
                "-o", "APT::FTPArchive::Release::Codename=" + codename,
                "-o", "APT::FTPArchive::Release::Architectures=" + String.join(" ", archs),
                "-o", "APT::FTPArchive::Release::Components=main", "release", "."));
        String release = run(dir, command.toArray(String[]::new));
        Files.writeString(dir.resolve("Release"), releaseFields + release);
        run(work, "gpg", "--homedir", gpgHome.toString(), "--batch", "--yes", "--local-user", fixtures.fingerprint(),
                "--clearsign", "--output", dir.resolve("InRelease").toString(), dir.resolve("Release").toString());
        return this;
    }

    /**
     * Makes the pool of {@code dist} a flat repository ({@code deb URI/pool/DIST/ ./}): Packages, Release (by
     * apt-ftparchive, no suite) and InRelease in the pool itself.
     */
    TestAptRepo flat(String dist) throws Exception {
        Path pool = root.resolve("pool/" + dist);
        Files.writeString(pool.resolve("Packages"), run(pool, "dpkg-scanpackages", "."));
        String release = run(pool, "apt-ftparchive", "release", ".");
        Files.writeString(pool.resolve("Release"), release);
        run(work, "gpg", "--homedir", gpgHome.toString(), "--batch", "--yes", "--local-user", fixtures.fingerprint(),
                "--clearsign", "--output", pool.resolve("InRelease").toString(), pool.resolve("Release").toString());
        return this;
    }

    /**
     * A throwaway root with a shell and an empty dpkg database whose sources.list holds {@code sourcesLines}
     * ({@code deb [signed-by=/etc/apt/keys/fixture.gpg] URI DIST main}), signed by the fixtures' key, with the
     * native architecture amd64 and seeding off. Not updated yet.
     */
    static ThrowawayRoot client(Path dir, String sourcesLines) throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(dir).withShell();
        Path r = root.path();
        Files.createDirectories(r.resolve("etc/apt/keys"));
        Files.copy(FixtureRepos.get().keyBinary(), r.resolve("etc/apt/keys/fixture.gpg"));
        Files.writeString(r.resolve("etc/apt/sources.list"), sourcesLines);
        Files.createDirectories(r.resolve("etc/peerget"));
        Files.writeString(r.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n"
                + "seed = off\n");
        Files.createDirectories(root.resolve("/var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("/var/lib/dpkg/updates"));
        Files.writeString(root.resolve("/var/lib/dpkg/status"), "");
        return root;
    }

    /** Runs a tool to completion, failing the test when it fails; returns its standard output. */
    static String run(Path cwd, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}
