package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RPM side for real: the signed fixture yum repository over loopback HTTP, gpgcheck=1 (every package's own
 * signature checked before rpm runs), the real rpm installing into a throwaway root.
 */
class RpmInstallCommandsTest {
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
        Path r = root.path();
        Files.createDirectories(r.resolve("etc/pki/rpm-gpg"));
        Files.copy(fixtures.keyArmored(), r.resolve("etc/pki/rpm-gpg/RPM-GPG-KEY-fixture"));
        Files.copy(fixtures.otherKeyArmored(), r.resolve("etc/pki/rpm-gpg/RPM-GPG-KEY-other"));
        Files.createDirectories(r.resolve("etc/peerget"));
        Files.writeString(r.resolve("etc/peerget/peerget.conf"), "[main]\narchitecture = amd64\nretries = 0\n"
                + "package_format = rpm\nseed = off\n");
        repo("RPM-GPG-KEY-fixture", true);
    }

    private void repo(String key, boolean repoGpgcheck) throws Exception {
        Path r = root.path();
        Files.createDirectories(r.resolve("etc/yum.repos.d"));
        Files.writeString(r.resolve("etc/yum.repos.d/fixture.repo"), "[fixture]\nname=Fixture\nbaseurl="
                + server.baseUri().resolve("yum/") + "\ngpgcheck=1\nrepo_gpgcheck=" + (repoGpgcheck ? 1 : 0)
                + "\ngpgkey=file:///etc/pki/rpm-gpg/" + key + "\n");
        CliRun update = run("update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root.path().toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void installsVerifiedSignedPackagesWithRpmAndErasesThem() throws Exception {
        CliRun install = run("install", "-y", "pg-hello", "pg-script");
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        assertThat(root.rpmPackages()).contains("pg-hello-1.0-1.x86_64", "pg-libgreet-1.1-1.x86_64",
                "pg-data-1.0-1.noarch", "pg-script-1.0-1.noarch");
        assertThat(root.resolve("/var/lib/pg-fixture/postinst-ran")).as("the Lua %post ran in the root").exists();

        CliRun erase = run("remove", "-y", "pg-script");
        assertThat(erase.exitCode()).as(erase.stderr()).isZero();
        assertThat(root.rpmPackages()).doesNotContain("pg-script-1.0-1.noarch").contains("pg-hello-1.0-1.x86_64");
        assertThat(root.resolve("/var/lib/pg-fixture/postinst-ran")).doesNotExist();
    }

    /** dnf has no -f and no broken-system rule: a broken rpmdb is not refused, and -f repairs it all the same. */
    @Test
    void aBrokenRpmdbIsNotRefusedAndFixBrokenRepairsIt() throws Exception {
        Path rpm = fixtures.root().resolve("yum/Packages/pg-hello-1.0-1.x86_64.rpm");
        TestAptRepo.run(dir, "rpm", "--root", root.path().toString(), "--dbpath", "/var/lib/rpm", "--nodeps",
                "--nosignature", "-i", rpm.toString());
        assertThat(root.rpmPackages()).containsExactly("pg-hello-1.0-1.x86_64");
        CliRun other = run("install", "-s", "pg-base");
        assertThat(other.exitCode()).as(other.stdout() + other.stderr()).isZero();
        assertThat(other.stdout()).doesNotContain("unmet dependencies");

        CliRun fix = run("install", "-f", "-y");
        assertThat(fix.exitCode()).as(fix.stdout() + fix.stderr()).isZero();
        assertThat(root.rpmPackages()).containsExactly("pg-data-1.0-1.noarch", "pg-hello-1.0-1.x86_64",
                "pg-libgreet-1.1-1.x86_64");
    }

    @Test
    void anInstalledPackageIsReinstalledFromItsRepository() throws Exception {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        Files.delete(root.resolve("/usr/share/pg-fixture/pg-hello/README"));
        CliRun reinstall = run("reinstall", "-y", "pg-hello");
        assertThat(reinstall.exitCode()).as(reinstall.stdout() + reinstall.stderr()).isZero();
        assertThat(root.resolve("/usr/share/pg-fixture/pg-hello/README")).exists();
        assertThat(root.rpmPackages()).contains("pg-hello-1.0-1.x86_64");
    }

    /** The same builds in two repositories: dnf takes them from the one of better priority, whatever the order. */
    @Test
    void aBuildInTwoRepositoriesComesFromTheOneOfBetterPriority() throws Exception {
        Files.writeString(root.resolve("/etc/yum.repos.d/fixture.repo"), Files.readString(root.resolve(
                "/etc/yum.repos.d/fixture.repo")) + "\n[preferred]\nname=Preferred copy\nbaseurl="
                + server.baseUri().resolve("yum/") + "\ngpgcheck=1\npriority=10\n"
                + "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-fixture\n");
        assertThat(run("update").exitCode()).isZero();
        CliRun plan = run("install", "-s", "pg-hello");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).containsPattern("Inst pg-hello \\(1\\.0-1 [^)]*Preferred")
                .containsPattern("Inst pg-libgreet \\(1\\.1-1 [^)]*Preferred")
                .doesNotContainPattern("Inst [^\\n]*\\(1\\.[01]-1 Fixture");
    }

    @Test
    void dnfsSpecFormsAndNoticesAreDnfsOwn() throws Exception {
        CliRun nevra = run("install", "-y", "pg-libgreet-1.0-1.x86_64", "pg-data.noarch");
        assertThat(nevra.exitCode()).as(nevra.stderr()).isZero();
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.0-1.x86_64", "pg-data-1.0-1.noarch");

        CliRun again = run("install", "-y", "pg-data");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).startsWith("Package pg-data-1.0-1.noarch is already installed.\n");
        CliRun notInstalled = run("remove", "-y", "pg-script");
        assertThat(notInstalled.exitCode()).as(notInstalled.stderr()).isZero();
        assertThat(notInstalled.stdout()).startsWith("No match for argument: pg-script\n"
                + "No packages marked for removal.\n");
        CliRun unknown = run("remove", "-y", "pg-nosuchpkg");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(unknown.stderr()).startsWith("E: No match for argument: pg-nosuchpkg\n");
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.0-1.x86_64", "pg-data-1.0-1.noarch");
    }

    @Test
    void removeAlsoRemovesTheDependenciesOnlyItNeededUnlessDnfConfSaysOtherwise() throws Exception {
        assertThat(run("install", "-y", "pg-hello", "pg-data").exitCode()).isZero();
        CliRun remove = run("remove", "-y", "pg-hello");
        assertThat(remove.exitCode()).as(remove.stderr()).isZero();
        // pg-libgreet came in for pg-hello; pg-data was named by the user, so it stays
        assertThat(root.rpmPackages()).doesNotContain("pg-hello-1.0-1.x86_64", "pg-libgreet-1.1-1.x86_64")
                .contains("pg-data-1.0-1.noarch");

        Files.createDirectories(root.resolve("/etc/dnf"));
        Files.writeString(root.resolve("/etc/dnf/dnf.conf"), "[main]\nclean_requirements_on_remove=False\n");
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        CliRun keep = run("remove", "-y", "pg-hello");
        assertThat(keep.exitCode()).as(keep.stderr()).isZero();
        assertThat(root.rpmPackages()).doesNotContain("pg-hello-1.0-1.x86_64").contains("pg-libgreet-1.1-1.x86_64");
    }

    @Test
    void dnfsProtectedPackagesAreNeverRemovedImplicitly() throws Exception {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.1-1.x86_64", "pg-data-1.0-1.noarch");
        Files.createDirectories(root.resolve("/etc/dnf/protected.d"));
        Files.writeString(root.resolve("/etc/dnf/protected.d/fixture.conf"), "# as a distribution ships them\n"
                + "pg-libgreet\n");
        assertThat(run("remove", "-y", "pg-hello").exitCode()).isZero();
        CliRun autoremove = run("autoremove", "-y");
        assertThat(autoremove.exitCode()).as(autoremove.stderr()).isZero();
        assertThat(root.rpmPackages()).as("the unneeded dependency goes, the protected one stays")
                .doesNotContain("pg-data-1.0-1.noarch").contains("pg-libgreet-1.1-1.x86_64");
    }

    @Test
    void expiredMetadataIsRefreshedBeforeResolvingAsDnfDoesAndAlwaysWithRefresh() throws Exception {
        Path repoFile = root.resolve("/etc/yum.repos.d/fixture.repo");
        String config = Files.readString(repoFile);
        long before = server.hits("yum/repodata/repomd.xml");
        CliRun fresh = run("install", "-s", "pg-hello");
        assertThat(fresh.exitCode()).as(fresh.stderr()).isZero();
        assertThat(fresh.stdout()).doesNotContain("expired");
        assertThat(server.hits("yum/repodata/repomd.xml")).as("48 hours have not passed").isEqualTo(before);

        Files.writeString(repoFile, config + "metadata_expire=0\n");
        CliRun expired = run("install", "-s", "pg-hello");
        assertThat(expired.exitCode()).as(expired.stderr()).isZero();
        assertThat(expired.stdout()).contains("Metadata of fixture expired (metadata_expire); refreshing")
                .contains("The following NEW packages will be installed:");
        assertThat(server.hits("yum/repodata/repomd.xml")).isEqualTo(before + 1);

        Files.writeString(repoFile, config + "metadata_expire=never\n");
        assertThat(run("install", "-s", "pg-hello").stdout()).doesNotContain("expired");
        assertThat(server.hits("yum/repodata/repomd.xml")).isEqualTo(before + 1);

        // dnf --refresh: refreshed all the same; with -C refused, as the update it asks for.
        CliRun refreshed = run("install", "-s", "--refresh", "pg-hello");
        assertThat(refreshed.exitCode()).as(refreshed.stderr()).isZero();
        assertThat(refreshed.stdout()).contains("Refreshing the metadata of every repository (--refresh)")
                .contains("The following NEW packages will be installed:");
        assertThat(server.hits("yum/repodata/repomd.xml")).isEqualTo(before + 2);
        CliRun refused = run("-C", "install", "-s", "--refresh", "pg-hello");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("cacheonly (-C) downloads nothing");
        assertThat(server.hits("yum/repodata/repomd.xml")).isEqualTo(before + 2);
    }

    /**
     * dnf's -C: expired metadata is used as it is, update is refused, and nothing is downloaded: an install
     * whose package files are not all in the cache fails naming them, with nothing installed, and succeeds
     * once --download-only has put them there.
     */
    @Test
    void cacheOnlyUsesExpiredMetadataAndDownloadsNothing() throws Exception {
        Path repoFile = root.resolve("/etc/yum.repos.d/fixture.repo");
        Files.writeString(repoFile, Files.readString(repoFile) + "metadata_expire=0\n");
        long repomd = server.hits("yum/repodata/repomd.xml");

        CliRun update = run("-C", "update");
        assertThat(update.exitCode()).as(update.stdout()).isNotZero();
        assertThat(update.stderr()).contains("E: update downloads metadata, and cacheonly (-C) downloads nothing");

        CliRun missing = run("install", "-y", "-C", "pg-hello");
        assertThat(missing.exitCode()).as(missing.stdout()).isNotZero();
        assertThat(missing.stdout()).doesNotContain("expired");
        assertThat(missing.stderr()).contains("package files are not in the package cache, and cacheonly (-C) "
                + "downloads nothing").contains("  pg-hello 1.0-1 x86_64");
        assertThat(root.rpmPackages()).doesNotContain("pg-hello-1.0-1.x86_64");
        assertThat(server.hits("yum/repodata/repomd.xml")).as("no refresh under -C").isEqualTo(repomd);

        CliRun download = run("install", "-y", "--download-only", "pg-hello");
        assertThat(download.exitCode()).as(download.stderr()).isZero();
        long packages = server.hits("yum/Packages/pg-hello-1.0-1.x86_64.rpm");
        CliRun cached = run("install", "-y", "--cacheonly", "pg-hello");
        assertThat(cached.exitCode()).as(cached.stdout() + cached.stderr()).isZero();
        assertThat(root.rpmPackages()).contains("pg-hello-1.0-1.x86_64");
        assertThat(server.hits("yum/Packages/pg-hello-1.0-1.x86_64.rpm")).isEqualTo(packages);
    }

    /**
     * dnf downgrade: the installed pg-libgreet 1.1-1 (a dependency of pg-hello, so automatic) goes to 1.0-1 and
     * stays automatic; a package at its lowest version and one not installed are named in dnf's words, and a
     * downgrade with nothing left to do fails with dnf's error.
     */
    @Test
    void downgradeGoesToTheNextLowerVersionAndKeepsTheInstallReason() throws Exception {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.1-1.x86_64");

        CliRun down = run("downgrade", "-y", "pg-libgreet", "pg-hello", "pg-cyc-a", "pg-nosuch");
        assertThat(down.exitCode()).as(down.stdout() + down.stderr()).isZero();
        assertThat(down.stdout()).contains("Package pg-hello of lowest version already installed, cannot downgrade it.")
                .contains("Packages for argument pg-cyc-a available, but not installed.")
                .contains("No package pg-nosuch available.")
                .contains("The following packages will be DOWNGRADED:\n  pg-libgreet");
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.0-1.x86_64", "pg-hello-1.0-1.x86_64")
                .doesNotContain("pg-libgreet-1.1-1.x86_64");
        assertThat(run("mark", "showauto").stdout()).contains("pg-libgreet");

        CliRun nothing = run("downgrade", "-y", "pg-libgreet");
        assertThat(nothing.exitCode()).isNotZero();
        assertThat(nothing.stdout()).contains("Package pg-libgreet of lowest version already installed");
        assertThat(nothing.stderr()).contains("E: No packages marked for downgrade.");
    }

    @Test
    void providesFindsProvidesAndFilesAndCheckUpdateExitsWith100WhenThereAreUpdates() throws Exception {
        CliRun mailer = run("provides", "pg-mailer");
        assertThat(mailer.exitCode()).as(mailer.stderr()).isZero();
        assertThat(mailer.stdout()).contains("pg-mta-a-1.0-1.x86_64 : ").contains("pg-mta-b-2.0-1.x86_64 : ")
                .contains("Repo        : fixture").contains("Provide     : pg-mailer");
        CliRun file = run("provides", "/usr/share/pg-fixture/pg-data/data.txt");
        assertThat(file.exitCode()).as(file.stderr()).isZero();
        assertThat(file.stdout()).contains("pg-data-1.0-1.noarch : ")
                .contains("Filename    : /usr/share/pg-fixture/pg-data/data.txt");
        CliRun none = run("provides", "pg-nothing-provides-this");
        assertThat(none.exitCode()).isNotZero();
        assertThat(none.stderr()).contains("No matches found for 'pg-nothing-provides-this'");

        assertThat(run("check-update").exitCode()).as("nothing installed, nothing to update").isZero();
        assertThat(run("install", "-y", "pg-libgreet-1.0-1").exitCode()).isZero();
        CliRun check = run("check-update");
        assertThat(check.exitCode()).isEqualTo(100);
        assertThat(check.stdout()).containsPattern("pg-libgreet\\.x86_64 +1\\.1-1 +fixture");
        assertThat(run("upgrade", "-y").exitCode()).isZero();
        assertThat(run("check-update").exitCode()).isZero();
    }

    @Test
    void dnfsVersionLocksKeepAPackageAtTheLockedVersionAndExclusionsHideOne() throws Exception {
        Files.createDirectories(root.resolve("/etc/dnf/plugins"));
        Files.writeString(root.resolve("/etc/dnf/plugins/versionlock.conf"), "[main]\nenabled = 1\n"
                + "locklist = /etc/dnf/plugins/versionlock.list\n");
        // As 'dnf versionlock add' and 'dnf versionlock exclude' write them.
        Files.writeString(root.resolve("/etc/dnf/plugins/versionlock.list"), "# Added lock on Sun Nov 22\n"
                + "pg-libgreet-0:1.0-1.*\n\n# Added exclude on Sun Nov 22\n!pg-script-0:1.0-1.*\n");
        CliRun install = run("install", "-y", "pg-hello");
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.0-1.x86_64", "pg-hello-1.0-1.x86_64");
        CliRun upgrade = run("upgrade", "-y");
        assertThat(upgrade.exitCode()).as(upgrade.stderr()).isZero();
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.0-1.x86_64");
        CliRun excluded = run("install", "-s", "pg-script");
        assertThat(excluded.exitCode()).as("the only version is excluded").isNotZero();
        assertThat(excluded.stderr()).contains("filtered out by exclude filtering for argument: pg-script")
                .contains("versionlock");

        // The plugin switched off: the lock and the exclusion no longer count.
        Files.writeString(root.resolve("/etc/dnf/plugins/versionlock.conf"), "[main]\nenabled = 0\n");
        assertThat(run("upgrade", "-y").exitCode()).isZero();
        assertThat(root.rpmPackages()).contains("pg-libgreet-1.1-1.x86_64");
        assertThat(run("install", "-s", "pg-script").exitCode()).isZero();
    }

    @Test
    void aPackageSignedByAKeyTheRepositoryDoesNotNameIsRefusedBeforeRpmRuns() throws Exception {
        // The metadata check is off and gpgkey names another key: the files match the index, their signatures do
        // not match the key.
        repo("RPM-GPG-KEY-other", false);
        CliRun r = run("install", "-y", "pg-data");
        assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFICATION.code());
        assertThat(r.stderr()).contains("pg-data").containsIgnoringCase("key");
        assertThat(root.rpmPackages()).isEmpty();
    }
}
