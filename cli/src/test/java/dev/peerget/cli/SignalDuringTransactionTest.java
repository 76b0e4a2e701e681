package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.peerget.cache.MarkStore;
import dev.peerget.installer.History;
import dev.peerget.installer.HistoryEntry;
import dev.peerget.model.Layout;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.ThrowawayRoot;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT or SIGTERM to peerget (a separate JVM, as a user's Ctrl-C or kill reaches it) while dpkg runs: peerget
 * lets the run finish, starts no further one, records the transaction, writes its marks, releases the lock,
 * says so with an {@code E:} line and exits 128 + the signal's number. Only peerget gets the signal here (not its
 * process group), so dpkg carries on until the test lets its maintainer script end.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SignalDuringTransactionTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;
    private Path block;

    @BeforeEach
    void setUp() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        root = client.startFixtures(FixtureRepos.get().copyTo(dir.resolve("mirror")), dir.resolve("root"),
                "seed = off\n");
        block = root.resolve("/var/lib/pg-fixture/slow-block");
        Files.createDirectories(block.getParent());
        Files.createFile(block);
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.deleteIfExists(block); // never leave a maintainer script waiting
    }

    @Test
    void sigintDuringTheUnpackRunStopsBeforeTheConfigureRunAndExits130() throws Exception {
        assumeFalse(ignoredHere("SigIgn", 2), "SIGINT is ignored in this process, so its children ignore it too");
        Path deb = preinstWaiter();
        Process peerget = start("install", "-y", deb.toString(), "pg-hello");
        awaitStarted(peerget);

        String out = signalWhileBlocked(peerget, "INT", "dpkg");

        assertThat(peerget.exitValue()).as(out).isEqualTo(130);
        assertThat(out).contains("E: interrupted by SIGINT: peerget let the running dpkg finish (it ended without "
                + "error) and stopped after 1 of 2 dpkg runs").contains("hint: run peerget recover");
        HistoryEntry entry = new History(new Layout(root.path())).list().get(0);
        assertThat(entry.outcome()).isEqualTo(HistoryEntry.Outcome.INTERRUPTED);
        assertThat(entry.endedAt()).isPresent();
        assertThat(entry.runs()).singleElement().satisfies(r -> assertThat(r.command()).contains("--unpack"));
        assertThat(root.dpkgPackages()).containsEntry("pg-sigwait:all", "1.0-1 unpacked");
        assertThat(root.dpkgPackages().get("pg-libgreet:amd64")).endsWith(" unpacked");
        assertThat(new MarkStore(new Layout(root.path()).marksFile()).read().isAutomatic("pg-libgreet", "amd64"))
                .as("the dependency keeps its automatic mark").isTrue();

        // The lock is free: the next run is told to recover (not that the root is locked), recovers, and works.
        CliRun refused = CliRun.in(root, "-o", "torrent=false", "install", "-y", "pg-script");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).startsWith("E: dpkg").contains("peerget recover");
        CliRun recover = CliRun.in(root, "recover");
        assertThat(recover.exitCode()).as(recover.stderr()).isZero();
        CliRun next = CliRun.in(root, "-o", "torrent=false", "install", "-y", "pg-script");
        assertThat(next.exitCode()).as(next.stderr()).isZero();
        assertThat(root.dpkgPackages()).containsEntry("pg-sigwait:all", "1.0-1 installed")
                .containsEntry("pg-hello:amd64", "1.0-1 installed").containsKey("pg-script:all");
    }

    @Test
    void sigtermDuringTheLastRunLetsItFinishAndExits143() throws Exception {
        assumeFalse(ignoredHere("SigIgn", 15), "SIGTERM is ignored in this process, so its children ignore it too");
        Process peerget = start("install", "-y",
                dir.resolve("mirror/installer/deb/pg-slow_1.0-1_all.deb").toString());
        awaitStarted(peerget);

        String out = signalWhileBlocked(peerget, "TERM", "dpkg");

        assertThat(peerget.exitValue()).as(out).isEqualTo(143);
        assertThat(out).contains("E: interrupted by SIGTERM").contains("stopped after 2 of 2 dpkg runs")
                .contains("every change was made");
        HistoryEntry entry = new History(new Layout(root.path())).list().get(0);
        assertThat(entry.outcome()).isEqualTo(HistoryEntry.Outcome.OK);
        assertThat(entry.runs()).hasSize(2);
        assertThat(root.dpkgPackages()).containsEntry("pg-slow:all", "1.0-1 installed");

        CliRun next = CliRun.in(root, "-o", "torrent=false", "install", "-y", "pg-hello");
        assertThat(next.exitCode()).as(next.stderr()).isZero();
    }

    @Test
    void sigintWhileRpmRunsLetsItFinishAndExits130() throws Exception {
        assumeFalse(ignoredHere("SigIgn", 2), "SIGINT is ignored in this process, so its children ignore it too");
        ThrowawayRoot rpmRoot = ThrowawayRoot.create(dir.resolve("rpmroot"));
        Path r = rpmRoot.path();
        Files.createDirectories(r.resolve("etc/pki/rpm-gpg"));
        Files.copy(FixtureRepos.get().keyArmored(), r.resolve("etc/pki/rpm-gpg/RPM-GPG-KEY-fixture"));
        Files.createDirectories(r.resolve("etc/peerget"));
        Files.writeString(r.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n"
                + "package_format = rpm\nseed = off\n");
        Files.createDirectories(r.resolve("etc/yum.repos.d"));
        Files.writeString(r.resolve("etc/yum.repos.d/fixture.repo"), "[fixture]\nname=Fixture\nbaseurl="
                + client.baseUri().resolve("yum/") + "\ngpgcheck=1\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-fixture\n");
        assertThat(CliRun.in(rpmRoot, "update").exitCode()).isZero();
        root = rpmRoot;
        block = rpmRoot.resolve("/var/lib/pg-fixture/slow-block");
        Files.createDirectories(block.getParent());
        Files.createFile(block);
        Process peerget = start("install", "-y",
                dir.resolve("mirror/installer/rpm/pg-slow-1.0-1.noarch.rpm").toString());
        awaitStarted(peerget);

        String out = signalWhileBlocked(peerget, "INT", "rpm");

        assertThat(peerget.exitValue()).as(out).isEqualTo(130);
        assertThat(out).contains("E: interrupted by SIGINT: peerget let the running rpm finish");
        HistoryEntry entry = new History(new Layout(r)).list().get(0);
        assertThat(entry.outcome()).isEqualTo(HistoryEntry.Outcome.OK);
        assertThat(rpmRoot.rpmPackages()).contains("pg-slow-1.0-1.noarch");
        CliRun next = CliRun.in(rpmRoot, "install", "-y", "pg-data");
        assertThat(next.exitCode()).as(next.stderr()).isZero();
    }

    /** pg-sigwait: its preinst (run by dpkg --unpack) waits while slow-block exists, after creating slow-started. */
    private Path preinstWaiter() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("build/pg-sigwait/DEBIAN"));
        Files.writeString(tree.resolve("control"), "Package: pg-sigwait\nVersion: 1.0-1\nArchitecture: all\n"
                + "Maintainer: peerget tests <tests@peerget.invalid>\nDescription: waits in its preinst\n");
        Path preinst = tree.resolve("preinst");
        Files.writeString(preinst, """
                #!/bin/sh
                set -e
                dir="${DPKG_ROOT:-}/var/lib/pg-fixture"
                if [ -e "$dir/slow-block" ]; then
                  : > "$dir/slow-started"
                  while [ -e "$dir/slow-block" ]; do sleep 1; done
                fi
                """);
        Files.setPosixFilePermissions(preinst, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path deb = dir.resolve("pg-sigwait_1.0-1_all.deb");
        TestAptRepo.run(dir, "dpkg-deb", "--root-owner-group", "--build", tree.getParent().toString(),
                deb.toString());
        return deb;
    }

    /** peerget as its own process, its output in peerget.out. */
    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--root", root.path().toString(),
                "-o", "torrent=false"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("peerget.out").toFile()).start();
    }

    private void awaitStarted(Process peerget) throws Exception {
        Path started = block.resolveSibling("slow-started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(started) && System.nanoTime() < deadline && peerget.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(started).as("dpkg reached the waiting script; output %s",
                Files.readString(dir.resolve("peerget.out"))).exists();
    }

    /**
     * Sends {@code signal} while the package tool's run is blocked, checks that peerget waits for that run, lets the
     * run finish, waits for peerget to exit and returns what it printed.
     */
    private String signalWhileBlocked(Process peerget, String signal, String tool) throws Exception {
        signal(peerget, signal);
        assertThat(peerget.waitFor(1500, TimeUnit.MILLISECONDS)).as("peerget waits for " + tool + "'s run").isFalse();
        Files.delete(block);
        assertThat(peerget.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return Files.readString(dir.resolve("peerget.out"));
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /**
     * Whether signal {@code number} is in this process's {@code field} mask of /proc/self/status: a signal
     * ignored here (a test run in the background of a shell without job control) is ignored by peerget too.
     */
    private static boolean ignoredHere(String field, int number) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return (Long.parseUnsignedLong(line.substring(field.length() + 1).strip(), 16)
                        & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }
}
