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
 * apt_preferences(5) priorities as apt 2.6 applies them, with two suites: {@code bookworm} (Release
 * {@code Version: 12.5}) with {@code pin-tool} and {@code pin-lib} 1.0-1, {@code trixie} ({@code Version: 13})
 * with both at 2.0-1, which the real dpkg installs. The expected texts are what apt-get -s and apt-cache policy
 * 2.6.2 printed for the same repositories, status and preferences in an isolated apt root.
 */
class AptPinsCommandsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        new TestAptRepo(dir.resolve("mirror/debian"), dir.resolve("build"))
                .deb("bookworm", "pin-tool", "1.0-1", "amd64", "", "usr/bin/pin-tool")
                .deb("bookworm", "pin-lib", "1.0-1", "amd64", "", "usr/lib/pin-lib")
                .suite("bookworm", "stable", "bookworm", List.of("amd64"), "Version: 12.5\n")
                .deb("trixie", "pin-tool", "2.0-1", "amd64", "", "usr/bin/pin-tool")
                .deb("trixie", "pin-lib", "2.0-1", "amd64", "", "usr/lib/pin-lib")
                .suite("trixie", "testing", "trixie", List.of("amd64"), "Version: 13\n");
        root = client.start(dir.resolve("mirror"), dir.resolve("root"), "debian/ bookworm main",
                "debian/ trixie main");
        CliRun install = client.peerget("install", "-y", "pin-tool", "pin-lib");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        assertThat(root.dpkgPackages()).containsEntry("pin-tool:amd64", "2.0-1 installed");
    }

    private void preferences(String text) throws Exception {
        Files.createDirectories(root.resolve("/etc/apt/preferences.d"));
        Files.writeString(root.resolve("/etc/apt/preferences.d/test.pref"), text);
    }

    @Test
    void aPinOf1000OrMoreDowngradesWhenACommandTargetsThePackage() throws Exception {
        preferences("Package: pin-tool\nPin: release n=bookworm\nPin-Priority: 1001\n");
        for (String[] command : List.of(new String[] {"install", "-s", "pin-tool"}, new String[] {"upgrade", "-s"},
                new String[] {"dist-upgrade", "-s"})) {
            CliRun run = client.peerget(command);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).as(String.join(" ", command))
                    .contains("The following packages will be DOWNGRADED:\n  pin-tool\n"
                            + "0 upgraded, 0 newly installed, 1 downgraded, 0 to remove and 0 not upgraded.\n")
                    .contains("Inst pin-tool [2.0-1] (1.0-1 ").doesNotContain("Inst pin-lib");
        }
        CliRun other = client.peerget("install", "-s", "pin-lib");
        assertThat(other.stdout()).as("apt leaves an untargeted pinned package alone")
                .contains("pin-lib is already the newest version (2.0-1).\n")
                .contains("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.").doesNotContain("Inst ");

        CliRun really = client.peerget("upgrade", "-y");
        assertThat(really.exitCode()).as(really.stderr()).isZero();
        assertThat(root.dpkgPackages()).containsEntry("pin-tool:amd64", "1.0-1 installed")
                .containsEntry("pin-lib:amd64", "2.0-1 installed");
    }

    @Test
    void aPinBelow1000NeverDowngrades() throws Exception {
        preferences("Package: pin-tool\nPin: release n=bookworm\nPin-Priority: 999\n");
        CliRun install = client.peerget("install", "-s", "pin-tool");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        assertThat(install.stdout()).contains("pin-tool is already the newest version (2.0-1).\n")
                .doesNotContain("DOWNGRADED").doesNotContain("Inst ");
        assertThat(client.peerget("dist-upgrade", "-s").stdout())
                .contains("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.").doesNotContain("Inst ");
        assertThat(client.peerget("policy", "pin-tool").stdout()).as("apt's candidate stays the installed version")
                .contains("  Installed: 2.0-1\n  Candidate: 2.0-1\n");
    }

    @Test
    void releaseVersionPinsMatchTheWholeVersionLikeApt() throws Exception {
        preferences("Package: *\nPin: release v=12\nPin-Priority: 1001\n\n"
                + "Package: *\nPin: release v=13*\nPin-Priority: 700\n");
        CliRun sources = client.peerget("policy");
        assertThat(sources.exitCode()).as(sources.stderr()).isZero();
        assertThat(sources.stdout()).as("v=12 is not 12.5; the release line starts with v= as apt's")
                .containsPattern(" 500 http://[^ ]+ bookworm/main amd64 Packages\n"
                        + "     release v=12\\.5,a=stable,n=bookworm,c=main,b=amd64\n")
                .containsPattern(" 700 http://[^ ]+ trixie/main amd64 Packages\n"
                        + "     release v=13,a=testing,n=trixie,c=main,b=amd64\n");
        assertThat(client.peerget("install", "-s", "pin-tool").stdout()).doesNotContain("DOWNGRADED");

        preferences("Package: *\nPin: release v=12.*\nPin-Priority: 1001\n");
        assertThat(client.peerget("policy").stdout())
                .containsPattern("1001 http://[^ ]+ bookworm/main amd64 Packages\n");
        assertThat(client.peerget("install", "-s", "pin-tool").stdout()).contains("  pin-tool\n")
                .contains("1 downgraded");
    }

    @Test
    void policyEndsWithThePinnedPackagesAsAptCachePrintsThem() throws Exception {
        CliRun none = client.peerget("policy");
        assertThat(none.stdout()).as("printed even when empty").endsWith("\nPinned packages:\n");

        preferences("Package: pin-tool\nPin: release n=bookworm\nPin-Priority: 1001\n\n"
                + "Package: pin-lib\nPin: version *\nPin-Priority: 600\n\n"
                + "Package: pin-ghost\nPin: version *\nPin-Priority: 600\n\n"
                + "Package: *\nPin: release n=trixie\nPin-Priority: 400\n");
        CliRun policy = client.peerget("policy");
        assertThat(policy.exitCode()).as(policy.stderr()).isZero();
        assertThat(policy.stdout()).endsWith("\nPinned packages:\n"
                + "     pin-lib -> 2.0-1 with priority 600\n"
                + "     pin-lib -> 1.0-1 with priority 600\n"
                + "     pin-tool -> 1.0-1 with priority 1001\n");
        assertThat(client.peerget("policy", "pin-tool").stdout()).as("apt 2.6 prints no 'Package pin:' line")
                .contains("  Installed: 2.0-1\n  Candidate: 1.0-1\n").doesNotContain("Package pin");
    }

    @Test
    void aVersionPinForEveryPackageIsIgnoredWithAWarningAndDowngradesNothing() throws Exception {
        // apt-get -s upgrade 2.6.2: "W: Did not understand pin type version" and 0 upgraded, 0 downgraded.
        preferences("Package: *\nPin: version 1.*\nPin-Priority: 1001\n");
        CliRun upgrade = client.peerget("upgrade", "-s");
        assertThat(upgrade.exitCode()).as(upgrade.stderr()).isZero();
        assertThat(upgrade.stderr()).isEqualTo("W: Did not understand pin type version ("
                + root.resolve("/etc/apt/preferences.d/test.pref") + ":1)\n");
        assertThat(upgrade.stdout()).contains("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.")
                .doesNotContain("DOWNGRADED").doesNotContain("Inst ");
    }

    @Test
    void aZeroPriorityStopsEveryCommandAsAptDoes() throws Exception {
        // apt-get -s install 2.6.2: "E: No priority (or zero) specified for pin", exit 100, no plan.
        preferences("Package: pin-tool\nPin: release n=bookworm\nPin-Priority: 1001\n\n"
                + "Package: pin-lib\nPin: release n=bookworm\nPin-Priority: 0\n");
        CliRun install = client.peerget("install", "-s", "pin-tool");
        assertThat(install.exitCode()).isNotZero();
        assertThat(install.stderr()).startsWith("E: No priority (or zero) specified for pin ("
                + root.resolve("/etc/apt/preferences.d/test.pref") + ":5)\n");
        assertThat(install.stdout()).doesNotContain("Inst ");
    }
}
