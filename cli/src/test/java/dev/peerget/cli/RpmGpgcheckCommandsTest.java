package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install from a yum repository with {@code gpgcheck=1}: the fixture yum repository over loopback HTTP, each
 * package's own signature checked before the real rpm installs into a throwaway root.
 */
class RpmGpgcheckCommandsTest {
    @TempDir
    Path dir;
    private StaticHttpServer server;
    private ThrowawayRoot root;
    private FixtureRepos fixtures;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = FixtureRepos.get().copyTo(dir.resolve("mirror"));
        server = StaticHttpServer.serve(fixtures.root());
        root = ThrowawayRoot.create(dir.resolve("root"));
        Files.createDirectories(root.resolve("/etc/peerget"));
        Files.writeString(root.resolve("/etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n"
                + "seed = off\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** The fixture repository with gpgcheck=1, its packages checked against {@code key}. */
    private void configure(Path key, boolean repoGpgcheck) throws Exception {
        Path keyInRoot = root.resolve("/etc/pki/rpm-gpg/RPM-GPG-KEY-test");
        Files.createDirectories(keyInRoot.getParent());
        Files.copy(key, keyInRoot);
        Files.createDirectories(root.resolve("/etc/yum.repos.d"));
        Files.writeString(root.resolve("/etc/yum.repos.d/fixture.repo"), "[fixture]\nname=Fixture\nbaseurl="
                + server.baseUri().resolve("yum/") + "\ngpgcheck=1\nrepo_gpgcheck=" + (repoGpgcheck ? 1 : 0)
                + "\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-test\n");
        CliRun update = run("update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root.path().toString()));
        all.addAll(List.of(args));
        BufferConsole console = new BufferConsole();
        int code = Main.run(console, System.getenv("PATH"), all.toArray(String[]::new));
        return new CliRun(code, console.stdout(), console.stderr());
    }

    @Test
    void everyPackageIsCheckedOnceBeforeRpmRuns() throws Exception {
        configure(fixtures.keyArmored(), true);
        CliRun r = run("--debug", "install", "-y", "pg-hello", "pg-cyc-a", "pg-pre");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        // One line per fetched package (pg-hello's weak dependency pg-extra too), all before rpm runs.
        List<String> fetched = new ArrayList<>();
        Matcher get = Pattern.compile("(?m)^Get:\\d+ \\S+ (\\S+ \\S+ \\S+) \\[").matcher(r.stdout());
        while (get.find()) {
            fetched.add(get.group(1));
        }
        List<String> signed = new ArrayList<>();
        Matcher sig = Pattern.compile("(?m)^D: (\\S+ \\S+ \\S+): signed by " + fixtures.fingerprint() + "$")
                .matcher(r.stderr());
        while (sig.find()) {
            signed.add(sig.group(1));
        }
        assertThat(fetched).hasSize(8);
        assertThat(signed).containsExactlyInAnyOrderElementsOf(fetched);
        assertThat(r.stderr().indexOf("D: running ")).isGreaterThan(r.stderr().lastIndexOf("signed by"));
        assertThat(root.rpmPackages()).contains("pg-hello-1.0-1.x86_64", "pg-libgreet-1.1-1.x86_64",
                "pg-data-1.0-1.noarch", "pg-cyc-a-1.0-1.noarch", "pg-cyc-b-1.0-1.noarch", "pg-pre-1.0-1.x86_64",
                "pg-base-1.0-1.x86_64");
    }

    @Test
    void packagesSignedByAnotherKeyStopTheTransactionBeforeRpmRuns() throws Exception {
        // The repository metadata is not checked (repo_gpgcheck=0), so only the packages' own signatures can
        // tell that the key is wrong.
        configure(fixtures.otherKeyArmored(), false);
        CliRun r = run("--debug", "install", "-y", "pg-hello", "pg-cyc-a", "pg-pre");
        assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFICATION.code());
        assertThat(r.stderr()).containsPattern("E: pg-[a-z-]+ [0-9.-]+ (x86_64|noarch) from repository .fixture.: package ").contains("which is not among the repository's keys")
                .doesNotContainPattern("(?m)^D: .*: signed by").doesNotContain("D: running");
        assertThat(root.rpmPackages()).isEmpty();
    }
}
