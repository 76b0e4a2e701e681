package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * apt's release priorities with two suites, as Debian has them: {@code bookworm} (Suite stable) and
 * {@code bookworm-backports} (Suite stable-backports, NotAutomatic + ButAutomaticUpgrades: priority 100) with a
 * newer version. Backports are chosen only when asked for: {@code -t}, {@code APT::Default-Release}, or
 * {@code pkg/suite}; the real dpkg installs the result.
 */
class TargetReleaseTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        new TestAptRepo(dir.resolve("mirror/debian"), dir.resolve("build"))
                .deb("bookworm", "tr-tool", "1.0-1", "amd64", "", "usr/bin/tr-tool")
                .suite("bookworm", "stable", "bookworm", List.of("amd64"), "")
                .deb("bookworm-backports", "tr-tool", "2.0-1~bpo12+1", "amd64", "", "usr/bin/tr-tool")
                .suite("bookworm-backports", "stable-backports", "bookworm-backports", List.of("amd64"),
                        "NotAutomatic: yes\nButAutomaticUpgrades: yes\n");
        root = client.start(dir.resolve("mirror"), dir.resolve("root"), "debian/ bookworm main",
                "debian/ bookworm-backports main");
    }

    @Test
    void policyGivesEachIndexThePriorityOfPinsNamingItsComponentAndArchitecture() throws Exception {
        Files.createDirectories(root.resolve("/etc/apt/preferences.d"));
        Files.writeString(root.resolve("/etc/apt/preferences.d/backports.pref"), "Package: *\n"
                + "Pin: release n=bookworm-backports, c=main, b=amd64\nPin-Priority: 200\n");
        CliRun sources = client.peerget("policy");
        assertThat(sources.exitCode()).as(sources.stderr()).isZero();
        assertThat(sources.stdout()).containsPattern(" 500 http://[^ ]+ bookworm/main amd64 Packages\n")
                .containsPattern(" 200 http://[^ ]+ bookworm-backports/main amd64 Packages\n");
    }

    @Test
    void backportsAreChosenOnlyWhenTheTargetReleaseNamesThem() throws Exception {
        CliRun sources = client.peerget("policy");
        assertThat(sources.exitCode()).as(sources.stderr()).isZero();
        assertThat(sources.stdout()).startsWith("Package files:\n")
                .containsPattern(" 500 http://127\\.0\\.0\\.1:\\d+/debian bookworm/main amd64 Packages\n"
                        + "     release a=stable,n=bookworm,c=main,b=amd64\n     origin 127\\.0\\.0\\.1\n")
                .containsPattern(" 100 http://[^ ]+ bookworm-backports/main amd64 Packages\n"
                        + "     release a=stable-backports,n=bookworm-backports,c=main,b=amd64\n");
        CliRun policy = client.peerget("policy", "tr-tool");
        assertThat(policy.stdout()).contains("Candidate: 1.0-1").containsPattern("2\\.0-1~bpo12\\+1 100")
                .containsPattern("1\\.0-1 500");
        assertThat(client.peerget("install", "-s", "tr-tool").stdout()).contains("tr-tool (1.0-1");

        CliRun backports = client.peerget("install", "-s", "-t", "bookworm-backports", "tr-tool");
        assertThat(backports.exitCode()).as(backports.stderr()).isZero();
        assertThat(backports.stdout()).contains("tr-tool (2.0-1~bpo12+1");
        CliRun bySuite = client.peerget("install", "-s", "--target-release", "stable-backports", "tr-tool");
        assertThat(bySuite.stdout()).as("the Suite names it too").contains("tr-tool (2.0-1~bpo12+1");

        CliRun slash = client.peerget("install", "-s", "tr-tool/bookworm-backports");
        assertThat(slash.exitCode()).as(slash.stderr()).isZero();
        assertThat(slash.stdout()).as("pkg/release, as apt-get install takes it").contains("tr-tool (2.0-1~bpo12+1");
        assertThat(client.peerget("install", "-s", "tr-tool/stable").stdout()).contains("tr-tool (1.0-1");
        CliRun noSuchRelease = client.peerget("install", "-s", "tr-tool/trixie");
        assertThat(noSuchRelease.exitCode()).isNotZero();
        assertThat(noSuchRelease.stderr()).contains("Release 'trixie' for 'tr-tool' was not found");

        CliRun unknown = client.peerget("install", "-s", "-t", "trixie", "tr-tool");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("The value 'trixie' is invalid for APT::Default-Release");

        // apt.conf's APT::Default-Release does the same for every command; the real dpkg installs it.
        Files.createDirectories(root.resolve("/etc/apt/apt.conf.d"));
        Files.writeString(root.resolve("/etc/apt/apt.conf.d/99default-release"),
                "APT::Default-Release \"bookworm-backports\";\n");
        CliRun install = client.peerget("install", "-y", "tr-tool");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        assertThat(root.dpkgPackages()).containsEntry("tr-tool:amd64", "2.0-1~bpo12+1 installed");
    }
}
