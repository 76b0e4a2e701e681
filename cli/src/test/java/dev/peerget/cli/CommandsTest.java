package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole CLI in-process against a throwaway root configured with the fixture repositories on a loopback
 * mirror: output compared with golden files (ports, sizes and paths filtered), JSON parsed, exit codes.
 */
class CommandsTest {
    @TempDir
    static Path root;
    @TempDir
    static Path mirror;
    private static StaticHttpServer server;
    private static FixtureRepos fixtures;
    private static CliRun update;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void configureAndUpdate() throws Exception {
        fixtures = FixtureRepos.get().copyTo(mirror);
        server = StaticHttpServer.serve(fixtures.root());
        Files.createDirectories(root.resolve("etc/apt/keys"));
        Files.copy(fixtures.keyBinary(), root.resolve("etc/apt/keys/fixture.gpg"));
        Files.writeString(root.resolve("etc/apt/sources.list"), "deb [signed-by=/etc/apt/keys/fixture.gpg] "
                + server.baseUri().resolve("apt/") + " stable main contrib\n");
        Files.createDirectories(root.resolve("etc/yum.repos.d"));
        Files.copy(fixtures.keyArmored(), root.resolve("etc/apt/keys/fixture.asc"));
        Files.writeString(root.resolve("etc/yum.repos.d/fixture.repo"), "[fixture]\nname=Fixture repository\n"
                + "baseurl=" + server.baseUri().resolve("yum/") + "\nrepo_gpgcheck=1\n"
                + "gpgkey=file:///etc/apt/keys/fixture.asc\n\n[disabled]\nname=Disabled one\n"
                + "baseurl=http://127.0.0.1:9/\nenabled=0\n");
        Files.createDirectories(root.resolve("etc/peerget"));
        Files.writeString(root.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n");
        update = run("update");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(all);
    }

    /** Hides what changes between runs: the server port, temp paths, sizes and times. */
    static String filtered(String s) {
        return s.replace(server.baseUri().toString().replaceAll("/$", ""), "http://MIRROR")
                .replace(root.toString(), "ROOT")
                .replaceAll("\\[[0-9.]+ (B|kB|MB)\\]", "[SIZE]")
                .replaceAll("Fetched .*", "Fetched SIZE in TIME");
    }

    @Test
    void updatePrintsAptStyleProgress() throws Exception {
        assertThat(update.exitCode()).as(update.stderr()).isZero();
        Golden.check("update", filtered(update.stdout()));
        CliRun again = run("update");
        assertThat(again.stdout()).contains("Hit:1 ", "stable InRelease", "Hit:2 ", "repomd.xml");
    }

    @Test
    void showBothFormats() throws Exception {
        CliRun show = run("show", "pg-hello");
        assertThat(show.exitCode()).isZero();
        Golden.check("show-pg-hello", filtered(show.stdout()));
        JsonNode json = JSON.readTree(run("show", "--json", "pg-hello").stdout());
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.findValuesAsText("format")).containsExactlyInAnyOrder("deb", "rpm");
        assertThat(json.get(0).get("relations").get("depends").toString()).contains("pg-libgreet");
    }

    @Test
    void policyShowsCandidatesPerArchitecture() throws Exception {
        CliRun policy = run("policy", "pg-libgreet");
        assertThat(policy.exitCode()).isZero();
        Golden.check("policy-pg-libgreet", filtered(policy.stdout()));
    }

    @Test
    void policyWithoutPackagesListsEveryIndexWithItsReleaseLikeAptCache() throws Exception {
        CliRun policy = run("policy");
        assertThat(policy.exitCode()).as(policy.stderr()).isZero();
        // One entry per component and architecture of the apt source, as apt-cache policy; yum as it was.
        Golden.check("policy-sources", filtered(policy.stdout()));
        JsonNode json = JSON.readTree(run("policy", "--json").stdout());
        assertThat(json.size()).isEqualTo(3);
        JsonNode contrib = json.get(1);
        assertThat(filtered(contrib.get("source").asText()))
                .isEqualTo("http://MIRROR/apt stable/contrib amd64 Packages");
        assertThat(contrib.get("component").asText()).isEqualTo("contrib");
        assertThat(contrib.get("arch").asText()).isEqualTo("amd64");
        assertThat(contrib.get("priority").asInt()).isEqualTo(500);
        assertThat(contrib.get("release").asText())
                .isEqualTo("v=12.0,o=peerget-fixture,a=stable,n=stable,l=peerget-fixture,c=contrib,b=amd64");
        assertThat(contrib.get("origin").asText()).isEqualTo("127.0.0.1");
        assertThat(json.get(2).get("release").asText()).startsWith("priority=");
    }

    @Test
    void listAndSearch() throws Exception {
        Golden.check("list-all-pg-libgreet", filtered(run("list", "--all", "pg-libgreet").stdout()));
        Golden.check("search-mailer", filtered(run("search", "pg-mta").stdout()));
        JsonNode list = JSON.readTree(run("list", "--json", "pg-*").stdout());
        assertThat(list.size()).isGreaterThanOrEqualTo(29);
        assertThat(list.findValuesAsText("name")).contains("pg-hello", "pg-oldname", "pg-cyc-b");
        assertThat(run("list", "--installed", "pg-*").stdout()).isEmpty();
    }

    @Test
    void repolistShowsEnabledAndDisabled() throws Exception {
        Golden.check("repolist-all", filtered(run("repolist", "--all").stdout()));
        JsonNode json = JSON.readTree(run("repolist", "--json").stdout());
        assertThat(json.size()).isEqualTo(2);
    }

    @Test
    void installSimulatesLikeAptGet() throws Exception {
        CliRun r = run("install", "-s", "pg-hello");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Golden.check("install-s-pg-hello", filtered(r.stdout()));
        JsonNode json = JSON.readTree(run("-o", "package_format=rpm", "install", "-s", "--json", "pg-hello").stdout());
        assertThat(json.findValuesAsText("name")).containsExactlyInAnyOrder("pg-hello", "pg-libgreet", "pg-data",
                "pg-extra");
        assertThat(json.findValuesAsText("arch")).contains("x86_64", "noarch");
    }

    @Test
    void unsatisfiableRequestExitsWithThreeAndExplains() throws Exception {
        CliRun r = run("install", "-s", "pg-mta-a", "pg-mta-b");
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNSATISFIABLE.code());
        Golden.check("install-conflict-stderr", filtered(r.stderr()));
        CliRun json = run("install", "-s", "--json", "pg-mta-a", "pg-mta-b");
        assertThat(json.exitCode()).isEqualTo(ExitCode.UNSATISFIABLE.code());
        JsonNode problem = JSON.readTree(json.stdout()).get(0);
        assertThat(problem.get("problem").asBoolean()).isTrue();
        assertThat(problem.get("chain").toString()).contains("pg-mta-a").contains("conflicts with pg-mta-b");
        assertThat(problem.get("hints").get(0).asText()).contains("cannot be installed together");
    }

    @Test
    void debugSolveReplaysACommittedTestcase() throws Exception {
        Path testcase = dev.peerget.testing.Corpus.projectDir().resolve("cli/src/test/resources/solvertest/mutt.t");
        CliRun r = CliRun.of("debug", "solve", testcase.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Golden.check("debug-solve-mutt", r.stdout());
        JsonNode json = JSON.readTree(CliRun.of("debug", "solve", "--json", testcase.toString()).stdout());
        assertThat(json.findValuesAsText("name")).containsExactly("exim4", "mutt", "mailutils");
        CliRun missing = CliRun.of("debug", "solve", "no-such-testcase.t");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(missing.stderr()).startsWith("E: cannot read the solver testcase no-such-testcase.t");
    }

    @Test
    void debugSolverWritesATestcaseThatReplaysToTheSamePlan(@TempDir Path debug) throws Exception {
        CliRun install = run("install", "-s", "--debug-solver=" + debug, "pg-hello");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        Path script = debug.resolve("testcase.t");
        assertThat(Files.readString(script)).contains("system amd64 deb @System", "job install name pg-hello");
        CliRun replay = CliRun.of("debug", "solve", script.toString());
        assertThat(replay.exitCode()).as(replay.stderr()).isZero();
        // The same plan; the simulation lines differ on purpose: without a root the replay keeps the plan's order
        // and its repositories' names, where install -s orders dpkg's runs and names releases as apt does.
        assertThat(withoutSimulation(replay.stdout())).isEqualTo(withoutSimulation(install.stdout()));
        assertThat(installed(replay.stdout())).isEqualTo(installed(install.stdout())).isNotEmpty();
        CliRun conflict = run("install", "-s", "--debug-solver=" + debug, "pg-mta-a", "pg-mta-b");
        assertThat(CliRun.of("debug", "solve", script.toString()).stderr()).isEqualTo(conflict.stderr());
    }

    private static String withoutSimulation(String out) {
        return out.lines().filter(l -> !l.matches("(Inst|Conf|Remv|Purg) .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The packages and versions of the Inst lines, sorted. */
    private static java.util.List<String> installed(String out) {
        return out.lines().filter(l -> l.startsWith("Inst ")).map(l -> l.replaceFirst("^Inst (\\S+) .*?\\((\\S+) .*$",
                "$1 $2")).sorted().toList();
    }

    @Test
    void debugSolverWithoutADirectoryKeepsThePackageArgument() {
        CliRun r = run("install", "-s", "--debug-solver", "--json", "pg-hello");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Path written = Path.of("debugdata", "testcase.t");
        assertThat(written).exists();
        try {
            assertThat(Files.readString(written)).contains("job install name pg-hello");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            deleteTree(Path.of("debugdata"));
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void downloadFetchesVerifiedFilesIntoTheDirectoryAndThenFromTheCache(@TempDir Path dest) throws Exception {
        long before = server.bytesServed();
        CliRun r = run("download", "--destdir", dest.toString(), "pg-libgreet=1.0-1", "pg-data");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Path deb = fixtures().aptRoot().resolve("pool/main/p/pg-libgreet/pg-libgreet_1.0-1_amd64.deb");
        assertThat(dest.resolve("pg-libgreet_1.0-1_amd64.deb")).hasSameBinaryContentAs(deb);
        assertThat(dest.resolve("pg-data_1.0-1_all.deb")).exists();
        assertThat(r.stdout()).containsPattern("Get:1 http://127\\.0\\.0\\.1:\\d+/apt pg-(libgreet 1\\.0-1 amd64|data 1\\.0-1 all) \\[")
                .containsPattern("Fetched [0-9.]+ kB in .*: 0 B from peers, [0-9.]+ kB from mirror");
        long served = server.bytesServed() - before;
        assertThat(served).isEqualTo(Files.size(deb) + Files.size(dest.resolve("pg-data_1.0-1_all.deb")));

        // Again: from the package cache, nothing transferred.
        CliRun again = run("download", "--destdir", dest.toString(), "pg-libgreet=1.0-1", "pg-data");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).doesNotContain("Get:").doesNotContain("Fetched");
        assertThat(server.bytesServed() - before).isEqualTo(served);
    }

    @Test
    void installDownloadOnlyFetchesThePlanIntoTheCache() throws Exception {
        Path deb = fixtures().aptRoot().resolve("pool/main/p/pg-virtual-user/pg-virtual-user_1.0-1_all.deb");
        String sha256 = dev.peerget.cache.PackageCache.digest(deb, dev.peerget.model.HashAlgorithm.SHA256);
        CliRun asked = run("install", "--download-only", "pg-virtual-user");
        assertThat(asked.exitCode()).as("no terminal to confirm on").isEqualTo(ExitCode.FAILED.code());
        assertThat(asked.stderr()).contains("not fetching the packages without a confirmation");
        CliRun no = run("install", "--assume-no", "pg-virtual-user");
        assertThat(no.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(no.stdout()).contains("pg-virtual-user").endsWith("Abort.\n");
        assertThat(root.resolve("var/cache/peerget/packages").resolve(sha256)).doesNotExist();
        CliRun r = run("install", "-y", "--download-only", "pg-virtual-user");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("pg-virtual-user").contains("Download complete and in download only mode");
        assertThat(root.resolve("var/cache/peerget/packages").resolve(sha256)).hasSameBinaryContentAs(deb);
        assertThat(root.resolve("var/lib/dpkg/status")).doesNotExist();
    }

    @Test
    void downloadOfAnRpmByNameAndVersion(@TempDir Path dest) throws Exception {
        CliRun r = run("download", "--destdir", dest.toString(), "pg-libgreet-1.1:x86_64");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(dest.resolve("pg-libgreet-1.1-1.x86_64.rpm"))
                .hasSameBinaryContentAs(fixtures().yumRoot().resolve("Packages/pg-libgreet-1.1-1.x86_64.rpm"));
    }

    @Test
    void downloadRefusesAFileThatDoesNotMatchTheSignedIndex(@TempDir Path dest) throws Exception {
        server.inject("apt/pool/main/p/pg-mta-a/pg-mta-a_1.0-1_amd64.deb", new StaticHttpServer.Fault.Corrupt());
        try {
            CliRun r = run("download", "--destdir", dest.toString(), "pg-mta-a", "pg-mta-b");
            assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFICATION.code());
            assertThat(r.stderr()).contains("E: could not fetch 1 of 2 package files:")
                    .contains("pg-mta-a 1.0-1 amd64").contains("the signed index says");
            // The refused file is nowhere; the good one was copied as soon as it was verified (as apt-get download
            // leaves what it fetched), and no partial copy is left.
            try (var files = Files.list(dest)) {
                assertThat(files).extracting(f -> f.getFileName().toString()).singleElement().asString()
                        .startsWith("pg-mta-b_").endsWith(".deb");
            }
        } finally {
            server.clearFaults();
        }
    }

    @Test
    void downloadOfAnUnknownPackageNamesIt(@TempDir Path dest) {
        CliRun r = run("download", "--destdir", dest.toString(), "no-such-package");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.stderr()).startsWith("E: Unable to locate package no-such-package");
    }

    private static FixtureRepos fixtures() {
        return fixtures;
    }

    @Test
    void unknownPackageIsAFailureWithAHint() {
        CliRun r = run("show", "no-such-package");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.stderr()).startsWith("E: Unable to locate package no-such-package\nhint: ");
    }

    @Test
    void badUsageExitsWithTwo() {
        CliRun r = run("list", "--frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.stderr()).contains("E: Unknown option: '--frobnicate'").contains("hint: see 'peerget list --help'");
    }

    @Test
    void queriesBeforeAnyUpdateSayWhatToDo(@TempDir Path empty) {
        CliRun r = CliRun.of("--root", empty.toString(), "search", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.stderr()).contains("no package metadata").contains("hint: run 'peerget update' first");
    }

    @Test
    void badSettingIsNamed(@TempDir Path other) throws Exception {
        Files.createDirectories(other.resolve("etc/peerget"));
        Files.writeString(other.resolve("etc/peerget/peerget.conf"), "timeout = soon\n");
        CliRun r = CliRun.of("--root", other.toString(), "update");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.stderr()).contains("peerget.conf: timeout must be a whole number");
    }
}
