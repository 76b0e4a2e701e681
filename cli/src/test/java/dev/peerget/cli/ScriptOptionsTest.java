package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Options scripts use: apt-get's -q (-qq update and -qq install print nothing on standard output, -qq implies -y,
 * the tests' console being no terminal, where peerget otherwise refuses to guess; errors still reach standard error
 * and a listing still prints its result), dnf's spellings of options, apt-get install --reinstall.
 */
class ScriptOptionsTest extends AptFixtureTest {
    @Test
    void twiceQuietPrintsNothingButErrorsAndImpliesYes() {
        CliRun update = CliRun.in(root, "-qq", "update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
        assertThat(update.stdout()).isEmpty();

        CliRun install = CliRun.in(root, "install", "-qq", "pg-hello");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        assertThat(install.stdout()).isEmpty();
        assertThat(root.dpkgPackages()).containsKey("pg-hello:amd64");

        // apt-get -qq -s prints its Inst/Conf lines and nothing else.
        CliRun simulated = CliRun.in(root, "-qq", "remove", "-s", "pg-hello");
        assertThat(simulated.exitCode()).as(simulated.stderr()).isZero();
        assertThat(simulated.stdout().lines()).containsExactly("Remv pg-hello [1.0-1]");

        CliRun unknown = CliRun.in(root, "-qq", "install", "pg-no-such-package");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr()).contains("pg-no-such-package");

        CliRun list = CliRun.in(root, "-qq", "list", "--installed", "pg-hello");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains("pg-hello/");
    }

    @Test
    void onceQuietStillReports() {
        CliRun plan = CliRun.in(root, "-q", "install", "-s", "pg-hello");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("The following NEW packages will be installed:").contains("Inst pg-hello");
        CliRun refused = CliRun.in(root, "-q", "install", "pg-hello");
        assertThat(refused.exitCode()).as("-q alone does not imply -y").isNotZero();
    }

    /** dnf's spellings: --assumeno for --assume-no, --installroot for --root. */
    @Test
    void dnfSpellingsOfTheOptions() {
        CliRun no = CliRun.of("--installroot", root.path().toString(), "install", "--assumeno", "pg-hello");
        assertThat(no.exitCode()).as(no.stderr()).isEqualTo(1);
        assertThat(no.stdout()).contains("The following NEW packages will be installed:").contains("Abort.");
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-hello:amd64");
    }

    /**
     * apt-get install --reinstall: what is installed is reinstalled at its version (dpkg unpacks it again), the
     * rest installed as by install.
     */
    @Test
    void installReinstallReinstallsWhatIsInstalledAndInstallsTheRest() {
        assertThat(CliRun.in(root, "install", "-y", "pg-hello").exitCode()).isZero();
        CliRun again = CliRun.in(root, "install", "-y", "--reinstall", "pg-hello", "pg-script");
        assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
        assertThat(again.stdout()).contains("The following packages will be reinstalled:\n  pg-hello\n")
                .contains("The following NEW packages will be installed:\n  pg-script\n")
                .contains("0 upgraded, 1 newly installed, 1 reinstalled, 0 to remove and 0 not upgraded.")
                .contains("Unpacking pg-hello (1.0-1) over (1.0-1)");
        assertThat(root.dpkgPackages()).containsEntry("pg-hello:amd64", "1.0-1 installed")
                .containsKey("pg-script:all");
    }
}
