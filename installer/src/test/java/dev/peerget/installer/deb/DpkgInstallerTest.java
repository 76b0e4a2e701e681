package dev.peerget.installer.deb;

import static dev.peerget.installer.InstallerFixtures.dependency;
import static dev.peerget.installer.InstallerFixtures.dpkgLog;
import static dev.peerget.installer.InstallerFixtures.execute;
import static dev.peerget.installer.InstallerFixtures.lineIndex;
import static dev.peerget.installer.InstallerFixtures.operations;
import static dev.peerget.installer.InstallerFixtures.prepared;
import static dev.peerget.installer.InstallerFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peerget.installer.Action;
import dev.peerget.installer.Change;
import dev.peerget.installer.History;
import dev.peerget.installer.HistoryEntry;
import dev.peerget.installer.Installer;
import dev.peerget.installer.InstallerException;
import dev.peerget.installer.InstallerFixtures;
import dev.peerget.installer.InstallerOptions;
import dev.peerget.installer.PackageToolException;
import dev.peerget.installer.RecoveryNeededException;
import dev.peerget.installer.Requester;
import dev.peerget.installer.ScriptMode;
import dev.peerget.installer.Step;
import dev.peerget.installer.TransactionResult;
import dev.peerget.installer.UndoStep;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageId;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixturePackages;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real dpkg installing fixture packages into throwaway roots. */
class DpkgInstallerTest {
    private static FixturePackages packages;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        Corpus.requireCommand("dpkg");
        Corpus.requireCommand("dpkg-query");
        packages = FixturePackages.get();
    }

    private Path deb(String name, String version, String arch) {
        return packages.deb(name, version, arch);
    }

    private Step.Install hello() {
        return step(Action.INSTALL, deb("pg-hello", "1.0-1", "amd64"));
    }

    private Step.Install libgreet(String version) {
        return dependency(Action.INSTALL, deb("pg-libgreet", version, "amd64"));
    }

    private Step.Install data() {
        return dependency(Action.INSTALL, deb("pg-data", "1.0-1", "all"));
    }

    @Test
    void installsHelloWithItsDependenciesAndRecordsTheTransaction() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);

        TransactionResult result = execute(installer, "peerget install pg-hello", hello(), libgreet("1.1-1"), data());

        assertThat(root.dpkgPackages()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pg-data:all", "1.0-1 installed",
                "pg-hello:amd64", "1.0-1 installed",
                "pg-libgreet:amd64", "1.1-1 installed"));
        assertThat(Files.readString(root.resolve("/usr/share/pg-fixture/pg-hello/README")))
                .startsWith("pg-hello 1.0-1");
        assertThat(operations(result)).containsExactly(
                "--unpack pg-data_1.0-1_all.deb pg-libgreet_1.1-1_amd64.deb pg-hello_1.0-1_amd64.deb",
                "--configure pg-data:all pg-libgreet:amd64 pg-hello:amd64");
        assertThat(result.runs().get(0).command()).contains("--root=" + root.path(),
                "--admindir=" + root.dpkgAdminDir(), "--log=" + root.resolve("/var/log/dpkg.log"));
        assertThat(dpkgLog(root)).anyMatch(l -> l.endsWith("status installed pg-hello:amd64 1.0-1"));

        List<HistoryEntry> history = new History(new Layout(root.path())).list();
        assertThat(history).hasSize(1);
        HistoryEntry entry = history.get(0);
        assertThat(entry.id()).isEqualTo(result.historyId());
        assertThat(entry.outcome()).isEqualTo(HistoryEntry.Outcome.OK);
        assertThat(entry.commandLine()).isEqualTo("peerget install pg-hello");
        assertThat(entry.user()).isEqualTo(Requester.currentProcess().user());
        assertThat(entry.uid()).isEqualTo(Requester.currentProcess().uid());
        assertThat(entry.ended()).isAfterOrEqualTo(entry.started());
        assertThat(entry.changes()).extracting(c -> c.action() + " " + c.name() + " " + c.newVersion() + " "
                + c.automatic() + " " + c.result() + " " + c.run().exitCode()).containsExactly(
                "INSTALL pg-hello 1.0-1 false OK 0", "INSTALL pg-libgreet 1.1-1 true OK 0",
                "INSTALL pg-data 1.0-1 true OK 0");
        assertThat(entry.runs()).isEqualTo(result.runs());
    }

    @Test
    void preDependencyIsConfiguredBeforeItsDependentIsUnpacked() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);

        TransactionResult result = execute(installer, "peerget install pg-pre",
                step(Action.INSTALL, deb("pg-pre", "1.0-1", "amd64")),
                dependency(Action.INSTALL, deb("pg-base", "1.0-1", "amd64")));

        assertThat(operations(result)).containsExactly("--unpack pg-base_1.0-1_amd64.deb",
                "--configure pg-base:amd64", "--unpack pg-pre_1.0-1_amd64.deb", "--configure pg-pre:amd64");
        List<String> log = dpkgLog(root);
        assertThat(lineIndex(log, "status installed pg-base:amd64 1.0-1"))
                .isLessThan(lineIndex(log, "install pg-pre:amd64 <none> 1.0-1"));
        assertThat(root.dpkgPackages()).containsEntry("pg-pre:amd64", "1.0-1 installed");
    }

    @Test
    void dependencyCycleIsUnpackedAndConfiguredInOneRunEach() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);

        TransactionResult result = execute(installer, "peerget install pg-cyc-a",
                step(Action.INSTALL, deb("pg-cyc-a", "1.0-1", "all")),
                dependency(Action.INSTALL, deb("pg-cyc-b", "1.0-1", "all")));

        assertThat(operations(result)).containsExactly("--unpack pg-cyc-a_1.0-1_all.deb pg-cyc-b_1.0-1_all.deb",
                "--configure pg-cyc-a:all pg-cyc-b:all");
        assertThat(root.dpkgPackages()).containsEntry("pg-cyc-a:all", "1.0-1 installed")
                .containsEntry("pg-cyc-b:all", "1.0-1 installed");
    }

    @Test
    void maintainerScriptsRunChrootedInARootWithAShell() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root")).withShell();
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);
        Path marker = root.resolve("/var/lib/pg-fixture/postinst-ran");

        execute(installer, "peerget install pg-script", step(Action.INSTALL, deb("pg-script", "1.0-1", "all")));
        assertThat(Files.readString(marker)).startsWith("pg-script postinst ran: configure");

        execute(installer, "peerget remove pg-script", Step.Remove.of("pg-script", "all"));
        assertThat(marker).doesNotExist();
        // dpkg keeps the postrm until a purge, so the package stays known in config-files state.
        assertThat(root.dpkgPackages()).containsEntry("pg-script:all", "1.0-1 config-files");
    }

    @Test
    void chrootlessScriptsRunOnTheHostWithDpkgRootPointingIntoTheRoot() throws Exception {
        Path hostMarker = Path.of("/var/lib/pg-fixture/postinst-ran");
        assertThat(hostMarker).as("left over on the host by something else").doesNotExist();
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root")); // no shell inside
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOTLESS);

        TransactionResult result = execute(installer, "peerget install pg-script",
                step(Action.INSTALL, deb("pg-script", "1.0-1", "all")));

        assertThat(result.runs().get(0).command()).contains("--force-script-chrootless");
        assertThat(root.resolve("/var/lib/pg-fixture/postinst-ran")).exists();
        assertThat(hostMarker).doesNotExist();
    }

    @Test
    void chrootedScriptsFailWithoutAShellAndRecoverFinishesThemOnceThereIsOne() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);

        PackageToolException e = catchThrowableOfType(PackageToolException.class, () -> execute(installer, "peerget install pg-script",
                step(Action.INSTALL, deb("pg-script", "1.0-1", "all"))));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.outputTail()).contains("unable to execute installed pg-script package post-installation script");
        assertThat(e.getMessage()).contains("dpkg --configure failed with exit code 1")
                .contains("not done: pg-script:all (install)");
        assertThat(e.hint()).get().asString().contains("peerget recover").contains("pg-script:all (half-configured)");
        assertThat(installer.interruption()).get()
                .satisfies(i -> assertThat(i.packages()).containsExactly("pg-script:all (half-configured)"));

        root.withShell();
        TransactionResult recovered = InstallerFixtures.recover(installer).orElseThrow();

        assertThat(recovered.ok()).isTrue();
        assertThat(operations(recovered)).containsExactly("--configure");
        assertThat(recovered.runs().get(0).command()).endsWith("--configure", "-a");
        assertThat(root.dpkgPackages()).containsEntry("pg-script:all", "1.0-1 installed");
        assertThat(installer.interruption()).isEmpty();
        assertThat(InstallerFixtures.recover(installer)).as("nothing left to recover").isEmpty();
        List<HistoryEntry> history = new History(new Layout(root.path())).list();
        assertThat(history).extracting(HistoryEntry::outcome)
                .containsExactly(HistoryEntry.Outcome.OK, HistoryEntry.Outcome.FAILED);
        assertThat(history.get(0).changes()).extracting(c -> c.action() + " " + c.name() + " " + c.result())
                .containsExactly("CONFIGURE pg-script OK");
        assertThat(history.get(1).changes().get(0).result()).isEqualTo(Change.Result.FAILED);
        assertThat(history.get(1).changes().get(0).run().exitCode()).isEqualTo(1);
    }

    @Test
    void removeKeepsConffilesAndPurgeDeletesThem() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);
        Path conffile = root.resolve("/etc/pg-fixture/pg-conf.conf");
        execute(installer, "peerget install pg-conf", step(Action.INSTALL, deb("pg-conf", "1.0-1", "all")));
        assertThat(conffile).hasContent("greeting = hello");

        TransactionResult removed = execute(installer, "peerget remove pg-conf", Step.Remove.of("pg-conf", "all"));
        assertThat(operations(removed)).containsExactly("--remove pg-conf:all");
        assertThat(root.dpkgPackages()).containsEntry("pg-conf:all", "1.0-1 config-files");
        assertThat(conffile).exists();
        assertThat(root.resolve("/usr/share/pg-fixture/pg-conf/README")).doesNotExist();

        TransactionResult purged = execute(installer, "peerget purge pg-conf", Step.Remove.purge("pg-conf", "all"));
        assertThat(operations(purged)).containsExactly("--purge pg-conf:all");
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-conf:all");
        assertThat(conffile).doesNotExist();
        assertThat(purged.changes()).extracting(c -> c.action() + " " + c.oldVersion() + " " + c.result() + " "
                + c.prior()).containsExactly("PURGE 1.0-1 OK CONFIG_FILES");
        // Only configuration files were there: undoing the purge installs nothing.
        HistoryEntry entry = new History(new Layout(root.path())).get(purged.historyId()).orElseThrow();
        assertThat(History.undo(entry)).isEmpty();
        assertThat(History.notRestored(entry)).extracting(Change::name).containsExactly("pg-conf");
    }

    @Test
    void upgradeReplacesTheOldVersionAndItsUndoDowngrades() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);
        execute(installer, "peerget install pg-hello", hello(), libgreet("1.0-1"), data());

        // pg-libgreet was installed as a dependency: the history keeps its mark, and the undo puts it back.
        TransactionResult upgraded = execute(installer, "peerget upgrade", java.util.Set.of("pg-libgreet:amd64"),
                step(Action.UPGRADE, deb("pg-hello", "2.0-1", "amd64")),
                dependency(Action.UPGRADE, deb("pg-libgreet", "1.1-1", "amd64")));

        assertThat(root.dpkgPackages()).containsEntry("pg-hello:amd64", "2.0-1 installed")
                .containsEntry("pg-libgreet:amd64", "1.1-1 installed");
        assertThat(Files.readString(root.resolve("/usr/share/pg-fixture/pg-hello/README"))).startsWith("pg-hello 2.0-1");
        assertThat(upgraded.changes()).extracting(c -> c.name() + " " + c.oldVersion() + " -> " + c.newVersion())
                .containsExactly("pg-hello 1.0-1 -> 2.0-1", "pg-libgreet 1.0-1 -> 1.1-1");
        assertThat(new History(new Layout(root.path())).undo(upgraded.historyId())).containsExactly(
                new UndoStep(Action.DOWNGRADE, "pg-libgreet", "amd64", "1.0-1", true),
                new UndoStep(Action.DOWNGRADE, "pg-hello", "amd64", "1.0-1", false));

        execute(installer, "peerget history undo " + upgraded.historyId(),
                step(Action.DOWNGRADE, deb("pg-hello", "1.0-1", "amd64")),
                dependency(Action.DOWNGRADE, deb("pg-libgreet", "1.0-1", "amd64")));
        assertThat(root.dpkgPackages()).containsEntry("pg-hello:amd64", "1.0-1 installed")
                .containsEntry("pg-libgreet:amd64", "1.0-1 installed");
    }

    @Test
    void conflictingPackageIsRemovedBeforeItsReplacementIsUnpacked() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);
        execute(installer, "peerget install pg-virtual-user", step(Action.INSTALL, deb("pg-virtual-user", "1.0-1", "all")),
                dependency(Action.INSTALL, deb("pg-mta-a", "1.0-1", "amd64")));
        Step.Install mtaB = step(Action.INSTALL, deb("pg-mta-b", "2.0-1", "amd64"));

        // On its own dpkg refuses pg-mta-b: it conflicts with the installed pg-mta-a.
        assertThatThrownBy(() -> execute(installer, "peerget install pg-mta-b", mtaB))
                .isInstanceOf(PackageToolException.class)
                .satisfies(e -> assertThat(((PackageToolException) e).outputTail()).contains("conflicting packages"));

        TransactionResult replaced = execute(installer, "peerget install pg-mta-b", mtaB,
                Step.Remove.of("pg-mta-a", "amd64"));

        assertThat(operations(replaced)).containsExactly("--remove pg-mta-a:amd64",
                "--unpack pg-mta-b_2.0-1_amd64.deb", "--configure pg-mta-b:amd64");
        assertThat(replaced.runs().get(0).command()).contains("--force-depends");
        assertThat(root.dpkgPackages()).containsOnlyKeys("pg-mta-b:amd64", "pg-virtual-user:all")
                .containsEntry("pg-virtual-user:all", "1.0-1 installed");
    }

    @Test
    void failingPostinstIsRecordedAndOnlyTransactionsThatTouchThePackageMayRun() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root")).withShell();
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);

        PackageToolException e = catchThrowableOfType(PackageToolException.class, () -> execute(installer, "peerget install pg-fail pg-data",
                step(Action.INSTALL, deb("pg-fail", "1.0-1", "all")), data()));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.outputTail()).contains("pg-fail postinst: failing on purpose");
        assertThat(e.result().changes()).extracting(c -> c.name() + " " + c.result())
                .containsExactly("pg-fail FAILED", "pg-data OK");
        HistoryEntry entry = new History(new Layout(root.path())).get(e.result().historyId()).orElseThrow();
        assertThat(entry.outcome()).isEqualTo(HistoryEntry.Outcome.FAILED);
        assertThat(entry.changes().get(0).run().exitCode()).isEqualTo(1);
        assertThat(entry.changes().get(0).run().outputTail()).contains("failing on purpose");
        assertThat(root.dpkgPackages()).containsEntry("pg-fail:all", "1.0-1 half-configured");

        assertThatThrownBy(() -> execute(installer, "peerget install pg-hello", hello(), libgreet("1.1-1")))
                .isInstanceOf(RecoveryNeededException.class)
                .hasMessageContaining("pg-fail:all (half-configured)");
        assertThat(installer.interruptionBlocking(List.of(new PackageId("pg-hello", "1.0-1", "amd64"))))
                .as("the engine's check before fetching agrees with execute").get()
                .satisfies(i -> assertThat(i.hint()).contains("peerget recover").contains("remove the package"));
        assertThat(installer.interruptionBlocking(List.of(new PackageId("pg-fail", "1.0-2", "all"))))
                .as("a transaction that replaces or removes pg-fail may run").isEmpty();

        execute(installer, "peerget remove pg-fail", Step.Remove.of("pg-fail", "all"));
        assertThat(root.dpkgPackages()).doesNotContainKey("pg-fail:all");
        assertThat(installer.interruption()).isEmpty();
    }

    @Test
    void dpkgKilledInAMaintainerScriptIsDetectedAndRecovered() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root")).withShell();
        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);
        Path block = root.resolve("/var/lib/pg-fixture/slow-block");
        Files.createDirectories(block.getParent());
        Files.createFile(block);
        Step.Install slow = step(Action.INSTALL, deb("pg-slow", "1.0-1", "all"));

        CompletableFuture<TransactionResult> install = CompletableFuture.supplyAsync(
                () -> execute(installer, "peerget install pg-slow", slow));
        InstallerFixtures.awaitFile(block.resolveSibling("slow-started"), Duration.ofSeconds(60));
        InstallerFixtures.killChild("dpkg");

        ExecutionException failed = catchThrowableOfType(ExecutionException.class, () -> install.get(60, TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOf(PackageToolException.class)
                .hasMessageContaining("was killed by signal 9");
        PackageToolException e = (PackageToolException) failed.getCause();
        assertThat(e.exitCode()).isEqualTo(137);
        assertThat(e.result().changes()).extracting(c -> c.name() + " " + c.result()).containsExactly("pg-slow FAILED");
        assertThat(new History(new Layout(root.path())).get(e.result().historyId()).orElseThrow().outcome())
                .isEqualTo(HistoryEntry.Outcome.FAILED);

        assertThat(installer.interruption()).get().satisfies(i -> {
            assertThat(i.message()).startsWith("dpkg was interrupted in " + root.path());
            assertThat(i.packages()).containsExactly("pg-slow:all (half-configured)");
            assertThat(i.hint()).contains("peerget recover");
        });
        assertThat(root.resolve("/var/lib/dpkg/updates")).isNotEmptyDirectory();
        assertThatThrownBy(() -> execute(installer, "peerget remove pg-slow", Step.Remove.of("pg-slow", "all")))
                .as("a pending dpkg journal blocks everything, as in apt")
                .isInstanceOf(RecoveryNeededException.class);
        assertThat(installer.interruptionBlocking(List.of(new PackageId("pg-slow", "1.0-1", "all")))).isPresent();

        Files.delete(block);
        TransactionResult recovered = InstallerFixtures.recover(installer).orElseThrow();

        assertThat(recovered.changes()).extracting(c -> c.action() + " " + c.name() + " " + c.result())
                .containsExactly("CONFIGURE pg-slow OK");
        assertThat(root.dpkgPackages()).containsEntry("pg-slow:all", "1.0-1 installed");
        assertThat(installer.interruption()).isEmpty();
    }

    @Test
    void aRootWithoutADpkgDatabaseOrAMissingPackageFileIsRefusedBeforeDpkgRuns() throws Exception {
        ThrowawayRoot root = ThrowawayRoot.create(tmp.resolve("root"));
        Installer bare = Installer.create(PackageFormat.DEB,
                InstallerOptions.of(new Layout(root.path())));
        assertThatThrownBy(() -> execute(bare, "peerget install pg-data", data()))
                .isInstanceOf(InstallerException.class)
                .hasMessage("no dpkg database in " + root.dpkgAdminDir())
                .satisfies(e -> assertThat(((InstallerException) e).hint()).get().asString()
                        .contains("check the root"));

        Installer installer = prepared(PackageFormat.DEB, root, ScriptMode.CHROOT);
        Path copy = tmp.resolve("pg-data_1.0-1_all.deb");
        Files.copy(deb("pg-data", "1.0-1", "all"), copy);
        Step.Install fromCache = step(Action.INSTALL, copy);
        Files.delete(copy);
        assertThatThrownBy(() -> execute(installer, "peerget install pg-data", fromCache))
                .isInstanceOf(InstallerException.class)
                .hasMessage("package file " + copy + " for pg-data 1.0-1 all does not exist");
        assertThat(new History(new Layout(root.path())).list()).as("nothing ran, nothing recorded").isEmpty();
    }
}
