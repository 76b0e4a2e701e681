package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * install, remove, purge and autoremove for real: the fixture apt repository over loopback HTTP, the real dpkg
 * installing into a throwaway root (with a shell, so maintainer scripts run chrooted as on a real system).
 */
class InstallCommandsTest extends AptFixtureTest {
    @Test
    void installRunsDpkgInTheRightOrderAndRemovePurgeAndAutoremoveUndoIt() throws Exception {
        CliRun install = run("install", "-y", "pg-hello", "pg-pre", "pg-script");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        assertThat(install.stdout()).contains("The following NEW packages will be installed:")
                .contains("Get:").contains("from mirror").contains("Setting up pg-hello (1.0-1)");
        Map<String, String> installed = installed();
        assertThat(installed).containsEntry("pg-hello", "1.0-1").containsEntry("pg-libgreet", "1.1-1")
                .containsEntry("pg-data", "1.0-1").containsEntry("pg-pre", "1.0-1").containsEntry("pg-base", "1.0-1");
        assertThat(root.resolve("/var/lib/pg-fixture/postinst-ran")).as("postinst ran chrooted").exists();
        assertThat(root.resolve("/usr/share/pg-fixture/pg-hello/README")).exists();
        // Dependencies are marked automatic, requested packages manual.
        String marks = Files.readString(root.resolve("/var/lib/peerget/extended_states"));
        assertThat(marks).contains("Package: pg-libgreet\nArchitecture: amd64\nAuto-Installed: 1\n")
                .contains("Package: pg-hello\nArchitecture: amd64\nAuto-Installed: 0\n");

        CliRun remove = run("remove", "-y", "pg-hello");
        assertThat(remove.exitCode()).as(remove.stderr()).isZero();
        assertThat(installed()).doesNotContainKey("pg-hello").containsKey("pg-libgreet");

        CliRun autoremove = run("autoremove", "-y");
        assertThat(autoremove.exitCode()).as(autoremove.stderr()).isZero();
        assertThat(installed()).doesNotContainKeys("pg-libgreet", "pg-data").containsKeys("pg-pre",
                "pg-script");

        CliRun purge = run("purge", "-y", "pg-script");
        assertThat(purge.exitCode()).as(purge.stderr()).isZero();
        assertThat(installed()).doesNotContainKey("pg-script");
        assertThat(root.resolve("/var/lib/pg-fixture/postinst-ran")).as("postrm purge ran").doesNotExist();
    }

    /** A package file of the fixture that is in no repository, installed from where it lies. */
    private String localDeb(String name) {
        return dir.resolve("mirror/installer/deb/" + name + "_1.0-1_all.deb").toString();
    }

    @Test
    void aPackageWhosePostinstKeepsFailingCanBeRemovedAndBlocksOnlyOtherTransactions() throws Exception {
        CliRun install = run("install", "-y", localDeb("pg-fail"));
        assertThat(install.exitCode()).as(install.stderr()).isEqualTo(ExitCode.PACKAGE_TOOL.code());
        assertThat(root.dpkgPackages()).containsEntry("pg-fail:all", "1.0-1 half-configured");

        CliRun other = run("install", "-y", "pg-data");
        assertThat(other.exitCode()).as("an unrelated transaction waits for recover").isNotZero();
        assertThat(other.stderr()).contains("pg-fail:all (half-configured)").contains("peerget recover")
                .contains("remove the package");
        assertThat(other.stdout()).doesNotContain("Get:");
        assertThat(installed()).doesNotContainKey("pg-data");

        CliRun remove = run("remove", "-y", "pg-fail");
        assertThat(remove.exitCode()).as(remove.stdout() + remove.stderr()).isZero();
        assertThat(remove.stdout()).contains("The following packages will be REMOVED:\n  pg-fail\n")
                .contains("0 upgraded, 0 newly installed, 1 to remove");
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-fail:all");
        assertThat(run("recover").stdout()).startsWith("Nothing to recover");
        assertThat(run("install", "-y", "pg-data").exitCode()).isZero();
    }

    @Test
    void purgeDeletesWhatRemoveLeftAndRemovePurgeDoesBothAtOnce() throws Exception {
        Path conffile = root.resolve("/etc/pg-fixture/pg-conf.conf");
        assertThat(run("install", "-y", localDeb("pg-conf")).exitCode()).isZero();
        assertThat(conffile).exists();
        CliRun remove = run("remove", "-y", "pg-conf");
        assertThat(remove.exitCode()).as(remove.stderr()).isZero();
        assertThat(root.dpkgPackages()).containsEntry("pg-conf:all", "1.0-1 config-files");
        assertThat(conffile).exists();

        CliRun again = run("remove", "-y", "pg-conf");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).startsWith("Package 'pg-conf' is not installed, so not removed\n")
                .contains("0 to remove");
        assertThat(conffile).exists();
        CliRun json = run("remove", "-s", "--json", "pg-conf");
        assertThat(json.stdout()).containsPattern("\\{\\s*\"action\"\\s*:\\s*\"not_installed\",\\s*\"name\"\\s*:\\s*\"pg-conf\"");

        CliRun purge = run("purge", "-y", "pg-conf");
        assertThat(purge.exitCode()).as(purge.stdout() + purge.stderr()).isZero();
        assertThat(purge.stdout()).contains("The following packages will be REMOVED:\n  pg-conf*\n")
                .contains("1 to remove").doesNotContain("disk space will be freed");
        assertThat(conffile).doesNotExist();
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-conf:all");

        assertThat(run("install", "-y", localDeb("pg-conf")).exitCode()).isZero();
        CliRun removePurge = run("remove", "--purge", "-y", "pg-conf");
        assertThat(removePurge.exitCode()).as(removePurge.stderr()).isZero();
        assertThat(removePurge.stdout()).contains("pg-conf*");
        assertThat(conffile).doesNotExist();
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-conf:all");
    }

    @Test
    void autoremovePurgePurgesWhatItRemoves() {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        assertThat(run("remove", "-y", "pg-hello").exitCode()).isZero();
        CliRun autoremove = run("autoremove", "--purge", "-y");
        assertThat(autoremove.exitCode()).as(autoremove.stderr()).isZero();
        assertThat(autoremove.stdout()).contains("pg-data*").contains("pg-libgreet*");
        assertThat(installed()).doesNotContainKeys("pg-libgreet", "pg-data");
        assertThat(run("history", "info", "3").stdout()).as("dpkg --purge ran")
                .containsPattern("purge +pg-data:all").containsPattern("purge +pg-libgreet:amd64");
    }

    @Test
    void listShowsInstalledAndUpgradableAndUpgradeBringsTheCandidate() throws Exception {
        CliRun old = run("install", "-y", "pg-libgreet=1.0-1");
        assertThat(old.exitCode()).as(old.stderr()).isZero();
        CliRun installedList = run("list", "--installed", "pg-*");
        assertThat(installedList.stdout()).contains("pg-libgreet/stable").contains("1.0-1 amd64 [installed");
        CliRun upgradable = run("list", "--upgradable");
        assertThat(upgradable.exitCode()).isZero();
        assertThat(upgradable.stdout()).contains("pg-libgreet/stable 1.1-1 amd64 [upgradable from: 1.0-1]");

        CliRun upgrade = run("upgrade", "-y");
        assertThat(upgrade.exitCode()).as(upgrade.stderr()).isZero();
        assertThat(upgrade.stdout()).contains("The following packages will be upgraded:")
                .contains("1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
        assertThat(installed()).containsEntry("pg-libgreet", "1.1-1");
        assertThat(run("list", "--upgradable").stdout()).doesNotContain("pg-libgreet");
    }

    /** dpkg's own view of a package's selection (install, hold, deinstall, purge), as apt-mark reads it. */
    private String dpkgSelection(String name) throws Exception {
        Process p = new ProcessBuilder("dpkg", "--admindir=" + root.dpkgAdminDir(), "--get-selections", name)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out.replaceAll("^\\S+\\s+", "");
    }

    @Test
    void markHoldIsDpkgsHoldTooAndKeepsThePackageAtItsVersionUntilUnhold() throws Exception {
        assertThat(run("install", "-y", "pg-libgreet=1.0-1").exitCode()).isZero();
        assertThat(dpkgSelection("pg-libgreet")).isEqualTo("install");

        CliRun hold = run("mark", "hold", "pg-libgreet");
        assertThat(hold.exitCode()).as(hold.stderr()).isZero();
        assertThat(hold.stdout()).contains("pg-libgreet set on hold.");
        assertThat(dpkgSelection("pg-libgreet")).as("apt and dpkg see the hold").isEqualTo("hold");
        assertThat(run("mark", "showhold").stdout()).contains("pg-libgreet");
        CliRun upgrade = run("upgrade", "-y");
        assertThat(upgrade.exitCode()).as(upgrade.stderr()).isZero();
        assertThat(upgrade.stdout()).contains("0 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.");
        assertThat(installed()).containsEntry("pg-libgreet", "1.0-1");

        CliRun unhold = run("mark", "unhold", "pg-libgreet");
        assertThat(unhold.exitCode()).as(unhold.stderr()).isZero();
        assertThat(unhold.stdout()).contains("Canceled hold on pg-libgreet.");
        assertThat(dpkgSelection("pg-libgreet")).isEqualTo("install");
        assertThat(run("mark", "showhold").stdout()).doesNotContain("pg-libgreet");
        assertThat(run("upgrade", "-y").exitCode()).isZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.1-1");
    }

    @Test
    void anArgumentThatChangesNothingIsNamedInAptGetsWords() throws Exception {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        CliRun again = run("install", "-y", "pg-hello");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).isEqualTo("pg-hello is already the newest version (1.0-1).\n"
                + "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");

        CliRun remove = run("remove", "-y", "pg-script", "pg-hello");
        assertThat(remove.exitCode()).as(remove.stderr()).isZero();
        assertThat(remove.stdout()).startsWith("Package 'pg-script' is not installed, so not removed\n"
                + "The following packages were automatically installed and are no longer required:\n"
                + "  pg-data pg-libgreet\nUse 'peerget autoremove' to remove them.\n"
                + "The following packages will be REMOVED:\n  pg-hello\n");
        assertThat(installed()).doesNotContainKey("pg-hello").containsKeys("pg-data", "pg-libgreet");

        CliRun nothing = run("remove", "-y", "pg-hello");
        assertThat(nothing.exitCode()).as(nothing.stderr()).isZero();
        assertThat(nothing.stdout()).startsWith("Package 'pg-hello' is not installed, so not removed\n");
        CliRun unknown = run("remove", "-y", "pg-data", "pg-nosuchpkg");
        assertThat(unknown.exitCode()).as("as install of an unknown package").isEqualTo(ExitCode.FAILED.code());
        assertThat(unknown.stderr()).startsWith("E: Unable to locate package pg-nosuchpkg\n");
        assertThat(installed()).as("nothing removed").containsKeys("pg-data", "pg-libgreet");
    }

    @Test
    void installingAHeldPackageChangesItAsAptGetDoesOnlyWithConsent() throws Exception {
        assertThat(run("install", "-y", "pg-libgreet=1.0-1").exitCode()).isZero();
        assertThat(run("mark", "hold", "pg-libgreet").exitCode()).isZero();
        CliRun simulated = run("install", "-s", "pg-libgreet");
        assertThat(simulated.exitCode()).as(simulated.stderr()).isZero();
        assertThat(simulated.stdout()).contains("The following held packages will be changed:\n  pg-libgreet\n"
                + "The following packages will be upgraded:\n  pg-libgreet\n");

        CliRun refused = run("install", "-y", "pg-libgreet");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(refused.stderr()).startsWith("E: Held packages were changed and -y was used without "
                + "--allow-change-held-packages.\n");
        assertThat(installed()).containsEntry("pg-libgreet", "1.0-1");
        CliRun no = run(new BufferConsole().answering("n"), "install", "pg-libgreet");
        assertThat(no.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(installed()).containsEntry("pg-libgreet", "1.0-1");

        CliRun allowed = run("install", "-y", "--allow-change-held-packages", "pg-libgreet");
        assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.1-1");
        assertThat(dpkgSelection("pg-libgreet")).as("still held").isEqualTo("hold");
    }

    @Test
    void markUnholdReleasesAHoldThatAptMarkOrDpkgSet() throws Exception {
        assertThat(run("install", "-y", "pg-libgreet=1.0-1").exitCode()).isZero();
        Process p = new ProcessBuilder("dpkg", "--admindir=" + root.dpkgAdminDir(), "--set-selections")
                .redirectErrorStream(true).start();
        p.getOutputStream().write("pg-libgreet hold\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertThat(p.waitFor()).isZero();
        assertThat(run("mark", "showhold").stdout()).contains("pg-libgreet");

        assertThat(run("mark", "unhold", "pg-libgreet").exitCode()).isZero();
        assertThat(dpkgSelection("pg-libgreet")).isEqualTo("install");
        assertThat(run("upgrade", "-y").exitCode()).isZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.1-1");
    }

    @Test
    void aptPreferencesPinVersionsAndANegativePinKeepsAPackageOut() throws Exception {
        Files.createDirectories(root.resolve("/etc/apt/preferences.d"));
        Files.writeString(root.resolve("/etc/apt/preferences.d/fixture.pref"), """
                Explanation: keep the older library
                Package: pg-libgreet
                Pin: version 1.0*
                Pin-Priority: 990

                Package: pg-script
                Pin: release a=stable, c=main
                Pin-Priority: -1
                """);
        // A name apt ignores (an extension other than .pref) changes nothing.
        Files.writeString(root.resolve("/etc/apt/preferences.d/old.bak"), "Package: *\nPin: release a=stable\n"
                + "Pin-Priority: -5\n");
        CliRun policy = run("policy", "pg-libgreet");
        assertThat(policy.exitCode()).as(policy.stderr()).isZero();
        assertThat(policy.stdout()).contains("Candidate: 1.0-1").containsPattern("1\\.0-1 990");
        CliRun install = run("install", "-y", "pg-hello");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.0-1").containsEntry("pg-hello", "1.0-1");
        CliRun pinnedOut = run("install", "-s", "pg-script");
        assertThat(pinnedOut.exitCode()).as("pinned below 0").isNotZero();
        assertThat(pinnedOut.stderr()).contains("Package 'pg-script' has no installation candidate");

        Files.writeString(root.resolve("/etc/apt/preferences.d/broken"), "Package: pg-data\nPin: release a=stable\n");
        CliRun broken = run("install", "-s", "pg-data");
        assertThat(broken.exitCode()).isNotZero();
        assertThat(broken.stderr()).contains("/etc/apt/preferences.d/broken:1").contains("Pin-Priority");
    }

    @Test
    void anInstalledVersionTheRepositoryCarriesIsReinstalledAndNeverDowngradedByUpgrade() throws Exception {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.1-1");
        Files.delete(root.resolve("/usr/share/pg-fixture/pg-hello/README"));

        // The installed build is the repository's too: fetched again (the status file has no checksum) and installed.
        CliRun reinstall = run("reinstall", "-y", "pg-hello");
        assertThat(reinstall.exitCode()).as(reinstall.stdout() + reinstall.stderr()).isZero();
        assertThat(reinstall.stdout()).contains("1 reinstalled");
        assertThat(root.resolve("/usr/share/pg-fixture/pg-hello/README")).exists();

        // 1.1-1 is installed and in the repository (pin 500, not the status file's 100): not traded for 1.0-1.
        CliRun upgrade = run("upgrade", "-s", "--allow-downgrades");
        assertThat(upgrade.exitCode()).as(upgrade.stderr()).isZero();
        assertThat(upgrade.stdout()).doesNotContain("pg-libgreet").contains("0 upgraded, 0 newly installed");
    }

    @Test
    void whatAFailedRunInstalledKeepsItsAutomaticMark() throws Exception {
        Path failing = dev.peerget.testing.FixturePackages.get().deb("pg-fail", "1.0-1", "all");
        CliRun install = run("install", "-y", "pg-hello", failing.toString());
        assertThat(install.exitCode()).as("pg-fail's postinst fails").isNotZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.1-1");
        assertThat(Files.readString(root.resolve("/var/lib/peerget/extended_states")))
                .contains("Package: pg-libgreet\nArchitecture: amd64\nAuto-Installed: 1\n");
    }
}
