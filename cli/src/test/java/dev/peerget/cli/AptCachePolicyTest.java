package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy PKG} against the real {@code apt-cache policy} (apt-utils; the test is skipped without it): the
 * same repositories, dpkg status and preferences in an isolated apt root ({@code APT_CONFIG} and {@code -o Dir=}
 * keep the host's configuration out) and in a peerget root, and stdout compared byte for byte.
 *
 * <p>The only text replaced is the root: apt names the status file it read, {@code APTROOT/var/lib/dpkg/status};
 * peerget names the one it reads under {@code --root}, {@code ROOT/var/lib/dpkg/status}, which is what apt
 * prints when run with {@code -o Dir=ROOT/} (and {@code /var/lib/dpkg/status} without a root, as apt). Both
 * serve the same mirror, so URIs and ports are equal.
 *
 * <p>The repositories: {@code bookworm} (amd64 and i386) with {@code foo} 1.0-1 for both, {@code lib} 1.0-1
 * {@code all} and {@code onlyi} 1.0-1 i386; {@code trixie} ({@code Version: 13}) with {@code foo} 2.0-1;
 * {@code bookworm-updates} with {@code foo} 1.2-1; a flat repository with {@code bar}. dpkg
 * has {@code foo} 1.5-1 (in no repository), {@code lib} 1.0-1, {@code onlyi} 0.9-1 as config-files and
 * {@code gone} half-installed.
 *
 * <p>Not covered, because peerget differs: the same version of an {@code all} package built twice (other
 * size and hash) in two suites, which apt 2.6.2 lists as two rows of one version and peerget as one.
 */
class AptCachePolicyTest {
    private static final String STATUS = """
            Package: foo
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Version: 1.5-1
            Maintainer: t <t@peerget.invalid>
            Description: foo

            Package: lib
            Status: install ok installed
            Architecture: all
            Version: 1.0-1
            Maintainer: t <t@peerget.invalid>
            Description: lib

            Package: onlyi
            Status: deinstall ok config-files
            Architecture: i386
            Version: 0.9-1
            Maintainer: t <t@peerget.invalid>
            Description: onlyi

            Package: gone
            Status: install ok half-installed
            Architecture: amd64
            Version: 0.9-1
            Maintainer: t <t@peerget.invalid>
            Description: gone
            """;
    private static final String[] NAMES = {"foo", "lib", "onlyi", "gone", "bar", "nosuch", "foo:i386", "lib:all"};

    @TempDir
    Path dir;
    private StaticHttpServer server;
    private ThrowawayRoot root;
    private Path aptRoot;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-cache")), "apt-cache (apt-utils) is not installed");
        String same = "Multi-Arch: same\n";
        new TestAptRepo(dir.resolve("mirror/debian"), dir.resolve("build"))
                .deb("bookworm", "foo", "1.0-1", "amd64", same, "usr/lib/x86_64-linux-gnu/foo")
                .deb("bookworm", "foo", "1.0-1", "i386", same, "usr/lib/i386-linux-gnu/foo")
                .deb("bookworm", "lib", "1.0-1", "all", "", "usr/share/lib/lib")
                .deb("bookworm", "onlyi", "1.0-1", "i386", "", "usr/bin/onlyi")
                .suite("bookworm", "stable", "bookworm", List.of("amd64", "i386"), "")
                .deb("trixie", "foo", "2.0-1", "amd64", same, "usr/lib/x86_64-linux-gnu/foo")
                .suite("trixie", "testing", "trixie", List.of("amd64", "i386"), "Version: 13\n")
                .deb("bookworm-updates", "foo", "1.2-1", "amd64", same, "usr/lib/x86_64-linux-gnu/foo")
                .suite("bookworm-updates", "stable-updates", "bookworm-updates", List.of("amd64", "i386"), "")
                .deb("flat", "bar", "1.0-1", "amd64", "", "usr/bin/bar")
                .flat("flat");
        server = StaticHttpServer.serve(dir.resolve("mirror"));
        String base = server.baseUri().resolve("debian/").toString();
        String sources = "deb [signed-by=%1$s] " + base + " bookworm main\n"
                + "deb [signed-by=%1$s] " + base + " trixie main\n"
                + "deb [signed-by=%1$s] " + base + " bookworm-updates main\n"
                + "deb [signed-by=%1$s] " + base + "pool/flat/ ./\n";

        root = TestAptRepo.client(dir.resolve("root"), sources.formatted("/etc/apt/keys/fixture.gpg"));
        Files.writeString(root.resolve("/etc/peerget/peerget.conf"), "foreign_architectures = i386\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(root.resolve("/var/lib/dpkg/status"), STATUS);
        CliRun update = CliRun.in(root, "update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();

        aptRoot = dir.resolve("apt");
        for (String d : List.of("etc/apt/apt.conf.d", "etc/apt/preferences.d", "var/lib/apt/lists/partial",
                "var/cache/apt/archives/partial", "var/lib/dpkg")) {
            Files.createDirectories(aptRoot.resolve(d));
        }
        Files.writeString(aptRoot.resolve("etc/apt/sources.list"),
                sources.formatted(FixtureRepos.get().keyBinary()));
        Files.writeString(aptRoot.resolve("var/lib/dpkg/status"), STATUS);
        Files.writeString(aptRoot.resolve("apt.conf"), "Dir \"" + aptRoot + "/\";\nDir::Etc::Parts \""
                + aptRoot + "/etc/apt/apt.conf.d\";\nDir::Etc::Main \"" + aptRoot + "/etc/apt/apt.conf\";\n");
        apt(List.of(), "apt-get", "update");
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs an apt tool in the isolated root; returns its stdout and fails unless it exits 0. */
    private String apt(List<String> options, String tool, String... args) throws Exception {
        AptRun run = aptRun(options, tool, args);
        assertThat(run.exitCode()).as(tool + " " + String.join(" ", args) + ": " + run.stderr()).isZero();
        return run.stdout();
    }

    private record AptRun(int exitCode, String stdout, String stderr) {}

    /** Runs an apt tool in the isolated root. */
    private AptRun aptRun(List<String> options, String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool, "-o", "Dir=" + aptRoot + "/",
                "-o", "Dir::State::status=" + aptRoot + "/var/lib/dpkg/status", "-o", "Dir::Etc::SourceParts=/dev/null",
                "-o", "APT::Architecture=amd64", "-o", "APT::Architectures::=amd64", "-o", "APT::Architectures::=i386",
                "-o", "Acquire::Languages=none", "-o", "Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false",
                "-o", "Debug::NoLocking=1", "-o", "APT::Sandbox::User=root"));
        command.addAll(options);
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "apt", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().put("APT_CONFIG", aptRoot.resolve("apt.conf").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new AptRun(p.exitValue(), out, Files.readString(err));
    }

    private void preferences(String text) throws Exception {
        Files.writeString(aptRoot.resolve("etc/apt/preferences.d/test.pref"), text);
        Files.createDirectories(root.resolve("/etc/apt/preferences.d"));
        Files.writeString(root.resolve("/etc/apt/preferences.d/test.pref"), text);
    }

    /** apt-cache policy NAMES and peerget policy NAMES print the same (the status file's root aside). */
    private void assertSameAsAptCache(List<String> aptOptions) throws Exception {
        assertSameAsAptCache(aptOptions, "");
    }

    /** The same, peerget printing {@code warnings} on stderr first. */
    private void assertSameAsAptCache(List<String> aptOptions, String warnings) throws Exception {
        String expected = apt(aptOptions, "apt-cache", prepend("policy", NAMES));
        CliRun policy = CliRun.in(root, prepend("policy", NAMES));
        assertThat(policy.exitCode()).as(policy.stderr()).isZero();
        assertThat(policy.stderr()).isEqualTo(warnings + "N: Unable to locate package nosuch\n");
        assertThat(policy.stdout().replace(root.path() + "/var/lib/dpkg/status", aptRoot + "/var/lib/dpkg/status"))
                .isEqualTo(expected);
    }

    private static String[] prepend(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void withoutPreferences() throws Exception {
        assertSameAsAptCache(List.of());
    }

    @Test
    void aVersionPinShowsOnTheVersionAndEachIndexKeepsItsOwnPriority() throws Exception {
        preferences("Package: foo\nPin: version 1.2*\nPin-Priority: 1001\n\n"
                + "Package: *\nPin: release n=trixie\nPin-Priority: 400\n\n"
                + "Package: *\nPin: release a=testing\nPin-Priority: 600\n\n"
                + "Package: lib\nPin: release n=bookworm, b=i386\nPin-Priority: 50\n");
        assertSameAsAptCache(List.of());
        CliRun json = CliRun.in(root, "policy", "--json", "foo");
        assertThat(json.stdout()).as("the JSON has the same priorities")
                .contains("{\"version\":\"1.2-1\",\"priority\":1001,\"installed\":false,\"sources\":[{\"priority\":500,");
    }

    @Test
    void theDefaultReleaseGoesBeforeGenericRecords() throws Exception {
        preferences("Package: *\nPin: release n=trixie\nPin-Priority: 400\n");
        Files.createDirectories(root.resolve("/etc/apt/apt.conf.d"));
        Files.writeString(root.resolve("/etc/apt/apt.conf.d/99release"), "APT::Default-Release \"trixie\";\n");
        assertSameAsAptCache(List.of("-o", "APT::Default-Release=trixie"));
    }

    /**
     * The lines of a simulation that name what changes ("Inst …", "Remv …") and the summary line, without the
     * half-installed {@code gone}: apt 2.6.2 removes it (no version of it is available) in every simulation,
     * peerget leaves it, which is not a matter of pins.
     */
    private static List<String> changes(String simulation) {
        return simulation.lines().filter(l -> l.startsWith("Inst ") || l.startsWith("Conf ") || l.startsWith("Remv ")
                || l.matches("\\d+ upgraded, .*")).filter(l -> !l.startsWith("Remv gone "))
                .map(l -> l.replaceAll(" \\(.*", "").replaceAll(", \\d+ to remove", "")).toList();
    }

    /** apt-get -s and peerget -s change the same packages to the same versions. */
    private void assertSamePlanAsAptGet(List<String> aptOptions, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.add(1, "-s");
        String expected = apt(aptOptions, "apt-get", args.toArray(String[]::new));
        CliRun run = CliRun.in(root, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(changes(run.stdout())).as(String.join(" ", args) + "\n" + run.stdout()).isEqualTo(changes(expected));
    }

    @Test
    void aVersionsOwnPinChoosesTheCandidateNewestFirstAboveTheInstalledOne() throws Exception {
        // foo 2.0-1 (trixie, the default release) is pinned down to 400, below 1.2-1's and 1.0-1's 500; they are
        // older than the installed 1.5-1 (100), so apt's candidate is still 2.0-1, not the installed version.
        preferences("Package: foo\nPin: release n=trixie\nPin-Priority: 400\n");
        Files.createDirectories(root.resolve("/etc/apt/apt.conf.d"));
        Files.writeString(root.resolve("/etc/apt/apt.conf.d/99release"), "APT::Default-Release \"trixie\";\n");
        List<String> release = List.of("-o", "APT::Default-Release=trixie");
        assertSameAsAptCache(release);
        assertThat(CliRun.in(root, "policy", "foo").stdout()).contains("  Installed: 1.5-1\n  Candidate: 2.0-1\n");
        assertSamePlanAsAptGet(release, "install", "foo");
        assertSamePlanAsAptGet(release, "upgrade");
    }

    @Test
    void anInstalledVersionPinnedAbove1000StaysTheCandidateThoughNoRepositoryHasIt() throws Exception {
        preferences("Package: foo\nPin: version 1.5*\nPin-Priority: 1001\n\n"
                + "Package: lib\nPin: release n=bookworm\nPin-Priority: 50\n");
        assertSameAsAptCache(List.of());
        assertThat(CliRun.in(root, "policy", "foo").stdout()).contains("  Installed: 1.5-1\n  Candidate: 1.5-1\n");
        assertSamePlanAsAptGet(List.of(), "install", "foo");
        assertSamePlanAsAptGet(List.of(), "upgrade");
        assertSamePlanAsAptGet(List.of(), "dist-upgrade");
    }

    @Test
    void aVersionPinForEveryPackageIsSkippedWithAptsWarning() throws Exception {
        preferences("Package: *\nPin: version 1.2*\nPin-Priority: 1001\n\n"
                + "Package: foo\nPin: releases n=trixie\nPin-Priority: 700\n");
        AptRun apt = aptRun(List.of(), "apt-cache", "policy", "foo");
        assertThat(apt.exitCode()).isZero();
        assertThat(apt.stderr()).isEqualTo("W: Did not understand pin type version\n"
                + "W: Did not understand pin type releases\n");
        assertSameAsAptCache(List.of(), "W: Did not understand pin type version (" + root.resolve(
                "/etc/apt/preferences.d/test.pref") + ":1)\nW: Did not understand pin type releases ("
                + root.resolve("/etc/apt/preferences.d/test.pref") + ":5)\n");
    }

    @Test
    void aPinWithoutPriorityIsAnErrorAsInApt() throws Exception {
        for (String priority : List.of("", "Pin-Priority: 0\n")) {
            preferences("Package: foo\nPin: release n=trixie\n" + priority);
            for (String[] command : List.of(new String[] {"apt-cache", "policy", "foo"},
                    new String[] {"apt-get", "-s", "install", "foo"})) {
                AptRun apt = aptRun(List.of(), command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
                assertThat(apt.exitCode()).as("apt exits 100").isEqualTo(100);
                assertThat(apt.stderr()).isEqualTo("E: No priority (or zero) specified for pin\n");
                CliRun run = CliRun.in(root, command[0].equals("apt-cache") ? new String[] {"policy", "foo"}
                        : new String[] {"install", "-s", "foo"});
                assertThat(run.exitCode()).as(run.stdout()).isNotZero();
                assertThat(run.stderr()).startsWith("E: No priority (or zero) specified for pin ("
                        + root.resolve("/etc/apt/preferences.d/test.pref") + ":1)\n");
            }
        }
    }
}
