package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.ThrowawayRoot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of peerget in the middle of a fetch: nothing is installed, the lock goes with the process, the torrent
 * engine child does not outlive it, and the next run does the whole transaction. And in the middle of dpkg's
 * run: dpkg carries on alone, a run meanwhile is refused clearly, and once dpkg is done the next run works.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InterruptedRunTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        FixtureRepos fixtures = FixtureRepos.get().copyTo(dir.resolve("mirror"));
        FixtureClients.publishAptTorrent(fixtures, dir.resolve("gnupg"));
        // Nobody seeds and the swarm gets 60 s before the mirror may help: the fetch is still waiting when killed.
        root = client.startFixtures(fixtures, dir.resolve("root"), "dht = false\n"
                + "local_peer_discovery = false\nlisten_interfaces = 127.0.0.1:0\nswarm_wait = 60s\nseed = off\n");
    }

    @Test
    void killedDuringTheFetchTheNextRunCompletesTheTransaction() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--root", root.path().toString(),
                "install", "-y", "pg-hello"));
        Process peerget = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peerget.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        List<String> seen = new ArrayList<>();
        while ((line = out.readLine()) != null && !line.startsWith("Need to get")) {
            seen.add(line);
        }
        assertThat(line).as("the plan was printed: %s", seen).isNotNull();
        Thread drain = new Thread(() -> {
            try {
                String rest;
                while ((rest = out.readLine()) != null) {
                    seen.add(rest);
                }
            } catch (java.io.IOException e) {
                // The process is gone.
            }
        });
        drain.start();
        ProcessHandle engine;
        try {
            engine = awaitChild(peerget.toHandle());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output " + seen, e);
        }
        peerget.toHandle().destroyForcibly();
        assertThat(peerget.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(peerget.exitValue()).isEqualTo(137);

        assertThat(engine.onExit().get(20, TimeUnit.SECONDS).isAlive()).as("the engine child followed its parent")
                .isFalse();
        assertThat(root.dpkgPackages()).as("nothing installed").isEmpty();

        // The next run: the lock is free, the mirror may take over at once, the transaction completes.
        CliRun again = CliRun.of("--root", root.path().toString(), "-o", "swarm_wait=0s", "install", "-y",
                "pg-hello");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(root.dpkgPackages()).containsKeys("pg-hello:amd64", "pg-libgreet:amd64", "pg-data:all");
    }

    @Test
    void killedWhileDpkgRunsDpkgFinishesAloneAndTheNextRunWorks() throws Exception {
        // pg-slow (a local .deb, in no repository) blocks in its postinst while slow-block exists, after creating
        // slow-started.
        Path block = root.resolve("/var/lib/pg-fixture/slow-block");
        Files.createDirectories(block.getParent());
        Files.createFile(block);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--root", root.path().toString(),
                "-o", "torrent=false", "install", "-y",
                dir.resolve("mirror/installer/deb/pg-slow_1.0-1_all.deb").toString()));
        Process peerget = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("peerget.out").toFile()).start();
        Path started = block.resolveSibling("slow-started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(started) && System.nanoTime() < deadline && peerget.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(started).as("dpkg reached pg-slow's postinst; output %s",
                Files.readString(dir.resolve("peerget.out"))).exists();
        List<ProcessHandle> dpkg = peerget.toHandle().descendants().filter(p -> cmdline(p).contains("dpkg")).toList();
        assertThat(dpkg).as("dpkg runs below peerget").isNotEmpty();
        peerget.toHandle().destroyForcibly();
        assertThat(peerget.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(dpkg).as("dpkg carries on without peerget").anyMatch(ProcessHandle::isAlive);

        CliRun meanwhile = CliRun.of("--root", root.path().toString(), "-o", "torrent=false", "install", "-y",
                "pg-hello");
        assertThat(meanwhile.exitCode()).as(meanwhile.stdout() + meanwhile.stderr()).isNotZero();
        assertThat(meanwhile.stderr()).startsWith("E: ").contains("lock");
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-hello:amd64");

        Files.delete(block);
        for (ProcessHandle p : dpkg) {
            p.onExit().get(60, TimeUnit.SECONDS);
        }
        assertThat(root.dpkgPackages()).containsEntry("pg-slow:all", "1.0-1 installed");
        CliRun next = CliRun.of("--root", root.path().toString(), "-o", "torrent=false", "install", "-y", "pg-hello");
        assertThat(next.exitCode()).as(next.stderr()).isZero();
        assertThat(root.dpkgPackages()).containsKeys("pg-hello:amd64", "pg-libgreet:amd64", "pg-slow:all");
    }

    private static String cmdline(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + p.pid() + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static ProcessHandle awaitChild(ProcessHandle parent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            // /proc/PID/cmdline, not ProcessHandle.Info: the engine runs as _peerget, and without CAP_SYS_PTRACE
            // root cannot read another user's /proc/PID/exe, which Info needs for its command line.
            var child = parent.descendants().filter(p -> cmdline(p).contains("EngineMain")).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("peerget started no torrent engine; its descendants: " + parent.descendants()
                .map(p -> p.pid() + " " + cmdline(p)).toList());
    }
}
