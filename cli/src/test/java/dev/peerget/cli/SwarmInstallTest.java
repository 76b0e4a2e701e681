package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.seed.SeedControl;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import dev.peerget.testing.ThrowawayRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop the project exists for, with two clients on one machine (separate roots, loopback only): A installs
 * from a repository that publishes its torrent, fetching from the mirror because nobody seeds yet, and leaves a
 * seeding process behind, running as the unprivileged user; B installs the same packages and gets them from A,
 * the mirror serving nothing but indexes; A's seeder shows B's download as its upload and exits once its seed time
 * is over.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SwarmInstallTest {
    private static final List<String> PACKAGES = List.of("pg-hello", "pg-pre", "pg-virtual-user", "pg-mta-a");

    @TempDir
    Path dir;
    private StaticHttpServer server;
    private FixtureRepos fixtures;
    private ThrowawayRoot a;
    private ThrowawayRoot b;
    private int portA;

    @BeforeEach
    void setUp() throws Exception {
        // The torrent engine runs as _peerget: it must be able to reach the roots.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        fixtures = FixtureRepos.get().copyTo(dir.resolve("mirror"));
        FixtureClients.publishAptTorrent(fixtures, dir.resolve("gnupg"));
        server = StaticHttpServer.serve(fixtures.root());
        portA = freePort();
        // A ratio A cannot reach here, so that its seeder stays until seed_time and status can be read.
        a = client("a", "listen_interfaces = 127.0.0.1:" + portA + "\nseed_time = 20s\nseed_ratio = 1000\n");
        b = client("b", "listen_interfaces = 127.0.0.1:0\npeers = 127.0.0.1:" + portA + "\nswarm_wait = 30s\n"
                + "seed = off\n");
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        for (ThrowawayRoot r : List.of(a, b)) {
            SeedControl c = new SeedControl(r.resolve("/var/lib/peerget/seed"));
            if (c.isRunning()) {
                c.stop(Duration.ofSeconds(20));
            }
        }
    }

    private ThrowawayRoot client(String name, String settings) throws Exception {
        return FixtureClients.aptClient(dir.resolve(name), fixtures, server.baseUri(),
                "dht = false\nlocal_peer_discovery = false\nswarm_wait = 1s\n" + settings);
    }

    private static CliRun run(ThrowawayRoot root, String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root.path().toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aSecondClientGetsItsPackagesFromTheFirstOnesSeeder() throws Exception {
        List<String> install = new ArrayList<>(List.of("install", "-y"));
        install.addAll(PACKAGES);

        long before = server.bytesServed();
        CliRun first = run(a, install.toArray(String[]::new));
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        long mirrorForA = server.bytesServed() - before;
        assertThat(first.stdout()).containsPattern("Fetched .*: 0 B from peers, .* from mirror")
                .contains("N: seeding what was fetched in the background");
        assertThat(mirrorForA).as("A fetched from the mirror: nobody seeded yet").isPositive();

        // A's seeder runs detached, as the unprivileged user.
        SeedControl seederA = new SeedControl(a.resolve("/var/lib/peerget/seed"));
        assertThat(seederA.isRunning()).as("%s%nlog: %s", first.stdout() + first.stderr(), seederA.log()).isTrue();
        long pid = seederA.pid().orElseThrow();
        assertThat(uidOf(pid)).as("seeding daemon's uid").isEqualTo(uidOfUser("_peerget"));
        ProcessHandle engine = awaitChild(pid);
        assertThat(uidOf(engine.pid())).as("its torrent engine's uid").isEqualTo(uidOfUser("_peerget"));

        before = server.bytesServed();
        List<String> debugInstall = new ArrayList<>(List.of("--debug"));
        debugInstall.addAll(install);
        CliRun second = run(b, debugInstall.toArray(String[]::new));
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(server.bytesServed() - before).as("mirror bytes for B").isZero();
        assertThat(second.stdout()).containsPattern("Fetched .*: .* from 1 peer, 0 B from mirror");
        // A created the engine's user: B's engine started while B planned, and its fetch took it.
        assertThat(second.stdout() + second.stderr()).containsPattern("torrent engine \\(pid \\d+\\) started while the plan "
                + "was made");
        assertThat(b.dpkgPackages().keySet()).containsAll(a.dpkgPackages().keySet());
        // B's engine ran as the unprivileged user and deleted its download once root had copied it into the cache.
        try (var data = Files.walk(b.resolve("/var/cache/peerget/swarm"))) {
            assertThat(data.filter(p -> p.toString().endsWith(".deb"))).as("left in the swarm directory").isEmpty();
        }
        try (var swarm = Files.list(b.resolve("/var/cache/peerget/swarm"))) {
            assertThat(swarm.toList()).allSatisfy(d -> assertThat(Files.getOwner(d).getName()).isEqualTo("_peerget"));
        }
        try (var cached = Files.list(b.resolve("/var/cache/peerget/packages"))) {
            assertThat(cached.toList()).hasSize(7)
                    .allSatisfy(p -> assertThat(Files.getOwner(p).getName()).isEqualTo("root"));
        }

        // libtorrent adds up a torrent's upload once a second: B, done within that second, may ask before A's
        // daemon has heard of it.
        Pattern uploaded = Pattern.compile("uploaded ([0-9.]+ [kM]?B) of ([0-9.]+ [kM]?B) fetched");
        CliRun status;
        Matcher m;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            status = run(a, "seed", "status");
            assertThat(status.exitCode()).isZero();
            m = uploaded.matcher(status.stdout());
            assertThat(m.find()).as(status.stdout()).isTrue();
            if (!m.group(1).equals("0 B") || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(m.group(1)).as("A uploaded what B fetched").isNotEqualTo("0 B");
        long fetchedByB;
        try (var cached = Files.list(b.resolve("/var/cache/peerget/packages"))) {
            fetchedByB = cached.mapToLong(p -> p.toFile().length()).sum();
        }
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run(a, "seed", "status", "--json").stdout());
        long uploadedByA = 0;
        assertThat(json.isArray()).as("seed status --json is an array of torrents: %s", json).isTrue();
        for (com.fasterxml.jackson.databind.JsonNode t : json) {
            uploadedByA += t.get("uploaded_bytes").asLong();
            assertThat(t.get("pid").asLong()).as("the seeding process's pid").isPositive();
        }
        assertThat(uploadedByA).as("A's upload covers what B fetched (%d bytes, all from A)", fetchedByB)
                .isGreaterThanOrEqualTo(fetchedByB * 9 / 10);

        assertThat(seederA.waitForExit(Duration.ofSeconds(60))).as("A's seeder exits after seed_time").isTrue();
        assertThat(seederA.log()).containsPattern("done seeding .*\\(seed_time reached\\)");
    }

    private static ProcessHandle awaitChild(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var child = ProcessHandle.of(pid).flatMap(p -> p.children().findFirst());
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the seeding daemon started no engine");
    }

    private static String uidOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[1];
            }
        }
        throw new AssertionError("no Uid line for " + pid);
    }

    private static String uidOfUser(String user) throws Exception {
        Process p = new ProcessBuilder("id", "-u", user).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
