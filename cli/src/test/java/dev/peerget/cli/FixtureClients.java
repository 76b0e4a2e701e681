package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.ThrowawayRoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Client roots and mirror steps the install tests share. */
final class FixtureClients {
    private FixtureClients() {
    }

    /**
     * A throwaway root with a shell whose only source is the fixture apt repository under {@code mirror} (the
     * server's base URI), with {@code settings} in its peerget.conf, updated once.
     */
    static ThrowawayRoot aptClient(Path dir, FixtureRepos fixtures, URI mirror, String settings) throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(dir).withShell();
        Path r = root.path();
        Files.createDirectories(r.resolve("etc/apt/keys"));
        Files.copy(fixtures.keyBinary(), r.resolve("etc/apt/keys/fixture.gpg"));
        Files.writeString(r.resolve("etc/apt/sources.list"), "deb [signed-by=/etc/apt/keys/fixture.gpg] "
                + mirror.resolve("apt/") + " stable main contrib\n");
        Files.createDirectories(r.resolve("etc/peerget"));
        Files.writeString(r.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n"
                + settings);
        CliRun update = CliRun.of("--root", r.toString(), "update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
        return root;
    }

    /** {@code peerget mirror torrent} on the fixture apt repository, signed again with the fixture's key. */
    static void publishAptTorrent(FixtureRepos fixtures, Path gpgHome) throws Exception {
        Files.createDirectories(gpgHome);
        Files.setPosixFilePermissions(gpgHome, PosixFilePermissions.fromString("rwx------"));
        Process imp = new ProcessBuilder("gpg", "--homedir", gpgHome.toString(), "--batch", "--import",
                fixtures.root().resolve("keys/repo.secret.asc").toString()).redirectErrorStream(true).start();
        imp.getInputStream().readAllBytes();
        assertThat(imp.waitFor()).isZero();
        CliRun publish = CliRun.of("mirror", "torrent", fixtures.aptRoot().toString(), "--sign-key",
                fixtures.fingerprint(), "--gpg-homedir", gpgHome.toString());
        assertThat(publish.exitCode()).as(publish.stderr()).isZero();
    }
}
