package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * apt-get's {@code -f}/{@code --fix-broken}: a root where the real dpkg installed pg-hello without its dependencies
 * ({@code dpkg --force-depends -i}) is refused until {@code install -f}, which installs what it misses with the
 * real dpkg; a healthy root has nothing to repair.
 */
class FixBrokenCommandsTest extends AptFixtureTest {
    /** pg-hello (Depends: pg-libgreet (>= 1.0), pg-data) installed by dpkg alone, its dependencies missing. */
    private void breakRoot() throws Exception {
        Path deb = FixtureRepos.get().root().resolve("apt/pool/main/p/pg-hello/pg-hello_1.0-1_amd64.deb");
        TestAptRepo.run(dir, "dpkg", "--root=" + root.path(), "--admindir=" + root.dpkgAdminDir(),
                "--log=/dev/null", "--force-depends", "-i", deb.toString());
        assertThat(root.dpkgPackages()).containsEntry("pg-hello:amd64", "1.0-1 installed")
                .doesNotContainKeys("pg-libgreet:amd64", "pg-data:all");
    }

    @Test
    void aBrokenRootIsRefusedWithoutFixBrokenAndNamesWhatIsMissing() throws Exception {
        breakRoot();
        CliRun other = run("install", "-s", "pg-base");
        assertThat(other.exitCode()).as(other.stderr()).isEqualTo(ExitCode.UNSATISFIABLE.code());
        assertThat(other.stdout()).isEqualTo("""
                You might want to run 'peerget install -f' to correct these.
                The following packages have unmet dependencies:
                 pg-hello : Depends: pg-libgreet (>= 1.0) but it is not installed
                            Depends: pg-data but it is not installed
                """);
        assertThat(other.stderr()).startsWith("E: Unmet dependencies.\nhint: run 'peerget install -f' with no "
                + "packages");
        CliRun none = run("install", "-s");
        assertThat(none.exitCode()).isEqualTo(ExitCode.UNSATISFIABLE.code());
        assertThat(none.stderr()).contains("E: Unmet dependencies.");
        CliRun remove = run("remove", "-y", "pg-hello");
        assertThat(remove.exitCode()).as("apt refuses a removal too").isEqualTo(ExitCode.UNSATISFIABLE.code());
        assertThat(root.dpkgPackages()).containsKey("pg-hello:amd64");
    }

    @Test
    void installFixBrokenPlansAndInstallsTheMissingDependenciesWithDpkg() throws Exception {
        breakRoot();
        CliRun plan = run("install", "-f", "-s");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("The following NEW packages will be installed:")
                .contains("Inst pg-libgreet (1.1-1").contains("Inst pg-data (1.0-1")
                .contains("0 upgraded, 2 newly installed, 0 to remove and 0 not upgraded.")
                .doesNotContain("Remv");
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-data:all");

        CliRun json = run("install", "--fix-broken", "-s", "--json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        assertThat(json.stdout()).contains("\"pg-libgreet\"").contains("\"pg-data\"");

        CliRun no = run("install", "-f", "--assume-no");
        assertThat(no.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(no.stdout()).contains("Abort.");

        CliRun fix = run("install", "-f", "-y");
        assertThat(fix.exitCode()).as(fix.stdout() + fix.stderr()).isZero();
        assertThat(fix.stdout()).contains("Setting up pg-data (1.0-1)");
        assertThat(root.dpkgInstalledVersions()).containsEntry("pg-hello", "1.0-1")
                .containsEntry("pg-libgreet", "1.1-1").containsEntry("pg-data", "1.0-1");
        // dpkg's own view: nothing left with unmet dependencies.
        assertThat(TestAptRepo.run(dir, "dpkg", "--admindir=" + root.dpkgAdminDir(), "--audit")).isEmpty();
        CliRun after = run("install", "-s", "pg-base");
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        assertThat(after.stdout()).contains("Inst pg-base");
    }

    @Test
    void upgradeAndDistUpgradeRepairWithFixBrokenAsAptGetDoes() throws Exception {
        breakRoot();
        for (String command : new String[] {"upgrade", "dist-upgrade"}) {
            CliRun refused = run(command, "-s");
            assertThat(refused.exitCode()).as(command + ": " + refused.stderr())
                    .isEqualTo(ExitCode.UNSATISFIABLE.code());
            assertThat(refused.stdout()).contains(" pg-hello : Depends: pg-libgreet (>= 1.0) but it is not installed");
            CliRun plan = run(command, "-f", "-s");
            assertThat(plan.exitCode()).as(command + ": " + plan.stderr()).isZero();
            assertThat(plan.stdout()).as(command).contains("Inst pg-libgreet (1.1-1").contains("Inst pg-data (1.0-1")
                    .doesNotContain("Remv");
        }
        CliRun fix = run("upgrade", "--fix-broken", "-y");
        assertThat(fix.exitCode()).as(fix.stdout() + fix.stderr()).isZero();
        assertThat(root.dpkgInstalledVersions()).containsEntry("pg-libgreet", "1.1-1")
                .containsEntry("pg-data", "1.0-1");
        assertThat(TestAptRepo.run(dir, "dpkg", "--admindir=" + root.dpkgAdminDir(), "--audit")).isEmpty();
    }

    @Test
    void whatNoRepositoryCanRepairIsRemoved() throws Exception {
        // A package whose dependency nothing provides, written into dpkg's database as dpkg would leave it.
        Files.createDirectories(root.resolve("/var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("/var/lib/dpkg/updates"));
        Files.writeString(root.resolve("/var/lib/dpkg/status"), """
                Package: pg-orphan
                Status: install ok installed
                Priority: optional
                Section: misc
                Maintainer: peerget tests <tests@peerget.invalid>
                Architecture: all
                Version: 1.0-1
                Depends: pg-nowhere (>= 1) | pg-data (>= 9)
                Description: pg-orphan for a peerget test

                """);
        Files.writeString(root.resolve("/var/lib/dpkg/info/pg-orphan.list"), "");
        CliRun refused = run("install", "-s", "pg-base");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.UNSATISFIABLE.code());
        assertThat(refused.stdout()).contains("""
                 pg-orphan : Depends: pg-nowhere (>= 1) but it is not installable or
                                      pg-data (>= 9) but it is not installed
                """);

        CliRun plan = run("install", "-f", "-s", "pg-base");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("The following packages will be REMOVED:\n  pg-orphan\n")
                .contains("Remv pg-orphan").contains("Inst pg-base")
                .contains("0 upgraded, 1 newly installed, 1 to remove and 0 not upgraded.");
        CliRun fix = run("install", "-f", "-y");
        assertThat(fix.exitCode()).as(fix.stdout() + fix.stderr()).isZero();
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-orphan:all");
        assertThat(TestAptRepo.run(dir, "dpkg", "--admindir=" + root.dpkgAdminDir(), "--audit")).isEmpty();
    }

    @Test
    void installFixBrokenOnAHealthyRootChangesNothing() {
        CliRun plan = run("install", "-f", "-s");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.")
                .doesNotContain("Inst ");
        CliRun yes = run("install", "-f", "-y");
        assertThat(yes.exitCode()).as(yes.stderr()).isZero();
        assertThat(yes.stdout()).contains("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
        CliRun without = run("install", "-s");
        assertThat(without.exitCode()).isNotZero();
        assertThat(without.stderr()).contains("no packages given");
    }
}
