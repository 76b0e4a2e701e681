package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MarkStore;
import dev.peerget.cache.PackageMarks;
import dev.peerget.model.Layout;
import org.junit.jupiter.api.Test;

/**
 * Marks with the real dpkg: history undo puts back what it restores with the mark it had (dnf restores the install
 * reason), and a purge of what was only configuration files is not undone by installing the package; naming an
 * installed dependency in an install marks it manual; a downgrade keeps the mark.
 */
class HistoryUndoMarksTest extends AptFixtureTest {
    private CliRun ok(String... args) {
        CliRun r = CliRun.in(root, args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.stdout() + r.stderr()).isZero();
        return r;
    }

    private PackageMarks marks() {
        return new MarkStore(new Layout(root.path()).marksFile()).read();
    }

    @Test
    void undoPutsBackRemovedAndDowngradedPackagesWithTheirMarks() {
        ok("install", "-y", "pg-hello"); // 1: pg-libgreet and pg-data automatic
        ok("remove", "-y", "pg-hello", "pg-libgreet"); // 2: both named, pg-data stays
        assertThat(root.dpkgPackages()).doesNotContainKeys("pg-hello:amd64", "pg-libgreet:amd64");

        ok("history", "undo", "-y", "2");
        assertThat(root.dpkgPackages()).containsEntry("pg-hello:amd64", "1.0-1 installed")
                .containsEntry("pg-libgreet:amd64", "1.1-1 installed");
        assertThat(marks().isAutomatic("pg-libgreet", "amd64")).as("a dependency before, so again").isTrue();
        assertThat(marks().isAutomatic("pg-hello", "amd64")).as("requested before, so again").isFalse();

        ok("install", "-y", "--allow-downgrades", "pg-libgreet=1.0-1"); // 4: naming it marks it manual
        assertThat(marks().isAutomatic("pg-libgreet", "amd64")).isFalse();
        ok("history", "undo", "-y", "4");
        assertThat(root.dpkgPackages()).containsEntry("pg-libgreet:amd64", "1.1-1 installed");
        assertThat(marks().isAutomatic("pg-libgreet", "amd64")).as("automatic before transaction 4").isTrue();
        // So autoremove takes it once nothing needs it.
        ok("remove", "-y", "pg-hello");
        ok("autoremove", "-y");
        assertThat(root.dpkgPackages()).doesNotContainKeys("pg-libgreet:amd64", "pg-data:all");
    }

    /**
     * apt-get install of a package that is installed already as a dependency: "… is already the newest version"
     * and "… set to manually installed.", and the mark changes (with -s only the words), so autoremove leaves it.
     */
    @Test
    void installingAnInstalledDependencyMarksItManual() {
        ok("install", "-y", "pg-hello"); // pg-libgreet and pg-data automatic
        CliRun simulated = ok("install", "-s", "pg-libgreet");
        assertThat(simulated.stdout()).contains("pg-libgreet is already the newest version (1.1-1).\n"
                + "pg-libgreet set to manually installed.\n");
        assertThat(marks().isAutomatic("pg-libgreet", "amd64")).as("-s changes nothing").isTrue();

        CliRun real = ok("install", "-y", "pg-libgreet");
        assertThat(real.stdout()).contains("pg-libgreet set to manually installed.")
                .contains("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
        assertThat(marks().isAutomatic("pg-libgreet", "amd64")).isFalse();
        assertThat(ok("install", "-y", "pg-libgreet").stdout()).doesNotContain("set to manually installed");

        ok("remove", "-y", "pg-hello");
        ok("autoremove", "-y");
        assertThat(root.dpkgPackages()).containsKey("pg-libgreet:amd64").doesNotContainKey("pg-data:all");
    }

    /** dnf's downgrade on a Debian system: the next lower version, with dpkg, keeping the automatic mark. */
    @Test
    void downgradeOnDebianKeepsTheMark() {
        ok("install", "-y", "pg-hello"); // pg-libgreet 1.1-1 automatic
        CliRun down = ok("downgrade", "-y", "pg-libgreet");
        assertThat(down.stdout()).contains("The following packages will be DOWNGRADED:\n  pg-libgreet\n");
        assertThat(root.dpkgPackages()).containsEntry("pg-libgreet:amd64", "1.0-1 installed");
        assertThat(marks().isAutomatic("pg-libgreet", "amd64")).isTrue();
    }

    @Test
    void undoOfAPurgeOfConfigurationFilesOnlyDoesNotInstallThePackage() {
        ok("install", "-y", "pg-script", dir.resolve("mirror/installer/deb/pg-conf_1.0-1_all.deb").toString());
        ok("remove", "-y", "pg-conf");
        assertThat(root.dpkgPackages()).containsEntry("pg-conf:all", "1.0-1 config-files");
        ok("purge", "-y", "pg-conf", "pg-script"); // 3
        assertThat(root.dpkgPackages()).doesNotContainKeys("pg-conf:all", "pg-script:all");

        CliRun undo = ok("history", "undo", "-y", "3");
        assertThat(undo.stdout()).contains("N: pg-conf:all is not installed again: transaction 3 purged only its "
                + "configuration files (it was not installed)");
        assertThat(root.dpkgPackages()).containsEntry("pg-script:all", "1.0-1 installed")
                .doesNotContainKey("pg-conf:all");
    }
}
