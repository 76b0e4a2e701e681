package dev.peerget.installer.rpm;

import static dev.peerget.installer.InstallerFixtures.dependency;
import static dev.peerget.installer.InstallerFixtures.execute;
import static dev.peerget.installer.InstallerFixtures.operations;
import static dev.peerget.installer.InstallerFixtures.prepared;
import static dev.peerget.installer.InstallerFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peerget.installer.Action;
import dev.peerget.installer.History;
import dev.peerget.installer.HistoryEntry;
import dev.peerget.installer.Installer;
import dev.peerget.installer.InstallerFixtures;
import dev.peerget.installer.PackageToolException;
import dev.peerget.installer.RecoveryNeededException;
import dev.peerget.installer.ScriptMode;
import dev.peerget.installer.Step;
import dev.peerget.installer.TransactionResult;
import dev.peerget.installer.UndoStep;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixturePackages;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real rpm installing fixture packages into throwaway roots (no shell inside: every scriptlet is Lua). */
class RpmInstallerTest {
    private static FixturePackages packages;

    @TempDir
    Path tmp;
    private ThrowawayRoot root;
    private Installer installer;

    @BeforeAll
    static void tools() {
        Corpus.requireCommand("rpm");
        packages = FixturePackages.get();
    }

    @BeforeEach
    void emptyRoot() {
        root = ThrowawayRoot.create(tmp.resolve("root"));
        installer = prepared(PackageFormat.RPM, root, ScriptMode.CHROOT);
    }

    private Path rpm(String name, String version, String arch) {
        return packages.rpm(name, version, arch);
    }

    private Step.Install[] helloOne() {
        return new Step.Install[] {step(Action.INSTALL, rpm("pg-hello", "1.0", "x86_64")),
            dependency(Action.INSTALL, rpm("pg-libgreet", "1.0", "x86_64")),
            dependency(Action.INSTALL, rpm("pg-data", "1.0", "noarch"))};
    }

    @Test
    void installsHelloWithItsDependenciesInOneRpmTransaction() {
        TransactionResult result = execute(installer, "peerget install pg-hello", helloOne());

        assertThat(root.rpmPackages()).containsExactly("pg-data-1.0-1.noarch", "pg-hello-1.0-1.x86_64",
                "pg-libgreet-1.0-1.x86_64");
        assertThat(operations(result)).containsExactly(
                "-U pg-hello-1.0-1.x86_64.rpm pg-libgreet-1.0-1.x86_64.rpm pg-data-1.0-1.noarch.rpm");
        assertThat(result.runs().get(0).command()).containsSequence("--root", root.path().toString(),
                "--dbpath", "/var/lib/rpm");
        assertThat(result.changes()).allMatch(c -> c.result() == dev.peerget.installer.Change.Result.OK);
        assertThat(new History(new Layout(root.path())).list()).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(HistoryEntry.Outcome.OK));
    }

    @Test
    void upgradesInOneTransactionThenErases() {
        execute(installer, "peerget install pg-hello", helloOne());

        // pg-libgreet was installed as a dependency: the history keeps its mark, and the undo puts it back.
        TransactionResult upgraded = execute(installer, "peerget upgrade", java.util.Set.of("pg-libgreet:x86_64"),
                step(Action.UPGRADE, rpm("pg-hello", "2.0", "x86_64")),
                dependency(Action.UPGRADE, rpm("pg-libgreet", "1.1", "x86_64")));

        assertThat(root.rpmPackages()).containsExactly("pg-data-1.0-1.noarch", "pg-hello-2.0-1.x86_64",
                "pg-libgreet-1.1-1.x86_64");
        assertThat(operations(upgraded)).containsExactly("-U pg-hello-2.0-1.x86_64.rpm pg-libgreet-1.1-1.x86_64.rpm");
        assertThat(upgraded.changes()).extracting(c -> c.name() + " " + c.oldVersion() + " -> " + c.newVersion())
                .containsExactly("pg-hello 1.0-1 -> 2.0-1", "pg-libgreet 1.0-1 -> 1.1-1");
        assertThat(new History(new Layout(root.path())).undo(upgraded.historyId())).containsExactly(
                new UndoStep(Action.DOWNGRADE, "pg-libgreet", "x86_64", "1.0-1", true),
                new UndoStep(Action.DOWNGRADE, "pg-hello", "x86_64", "1.0-1", false));

        TransactionResult downgraded = execute(installer, "peerget history undo",
                step(Action.DOWNGRADE, rpm("pg-hello", "1.0", "x86_64")),
                dependency(Action.DOWNGRADE, rpm("pg-libgreet", "1.0", "x86_64")));
        assertThat(downgraded.runs().get(0).command()).contains("--oldpackage");
        assertThat(root.rpmPackages()).contains("pg-hello-1.0-1.x86_64", "pg-libgreet-1.0-1.x86_64");

        TransactionResult erased = execute(installer, "peerget remove pg-hello",
                Step.Remove.of("pg-hello", "x86_64"), Step.Remove.of("pg-libgreet", "x86_64"),
                Step.Remove.of("pg-data", "noarch"));
        assertThat(operations(erased)).containsExactly("-e pg-hello.x86_64 pg-libgreet.x86_64 pg-data.noarch");
        assertThat(root.rpmPackages()).isEmpty();
        assertThat(root.resolve("/usr/share/pg-fixture/pg-hello")).doesNotExist();
    }

    @Test
    void scriptletsRunInsideTheRoot() throws Exception {
        Path marker = root.resolve("/var/lib/pg-fixture/postinst-ran");

        execute(installer, "peerget install pg-script", step(Action.INSTALL, rpm("pg-script", "1.0", "noarch")));
        assertThat(Files.readString(marker)).isEqualTo("pg-script post ran: 1\n");

        execute(installer, "peerget remove pg-script", Step.Remove.of("pg-script", "noarch"));
        assertThat(marker).doesNotExist();
    }

    @Test
    void reinstallPutsBackADeletedFile() {
        execute(installer, "peerget install pg-data", step(Action.INSTALL, rpm("pg-data", "1.0", "noarch")));
        Path data = root.resolve("/usr/share/pg-fixture/pg-data/data.txt");
        assertThat(data.toFile().delete()).isTrue();

        TransactionResult result = execute(installer, "peerget reinstall pg-data",
                step(Action.REINSTALL, rpm("pg-data", "1.0", "noarch")));

        assertThat(result.runs().get(0).command()).contains("--replacepkgs");
        assertThat(data).hasContent("fixture data for 1.0");
    }

    @Test
    void anObsoletedPackageGoesInTheSameRpmTransactionAsItsReplacement() {
        execute(installer, "peerget install pg-oldname", step(Action.INSTALL, rpm("pg-oldname", "1.0", "noarch")));
        Step.Install[] hello = helloOne();

        TransactionResult result = execute(installer, "peerget install pg-hello", hello[0], hello[1], hello[2],
                Step.Remove.of("pg-oldname", "noarch"));

        assertThat(operations(result)).containsExactly(
                "-U pg-hello-1.0-1.x86_64.rpm pg-libgreet-1.0-1.x86_64.rpm pg-data-1.0-1.noarch.rpm");
        assertThat(root.rpmPackages()).doesNotContain("pg-oldname-1.0-1.noarch").hasSize(3);
        assertThat(result.changes()).filteredOn(c -> c.name().equals("pg-oldname"))
                .extracting(c -> c.action() + " " + c.oldVersion() + " " + c.result()).containsExactly("REMOVE 1.0-1 OK");
    }

    @Test
    void aConflictingPackageIsErasedBeforeItsReplacementIsInstalled() {
        execute(installer, "peerget install pg-mta-a", step(Action.INSTALL, rpm("pg-mta-a", "1.0", "x86_64")));
        Step.Install mtaB = step(Action.INSTALL, rpm("pg-mta-b", "2.0", "x86_64"));
        assertThatThrownBy(() -> execute(installer, "peerget install pg-mta-b", mtaB))
                .isInstanceOf(PackageToolException.class)
                .satisfies(e -> assertThat(((PackageToolException) e).outputTail()).contains("conflicts with"));

        TransactionResult replaced = execute(installer, "peerget install pg-mta-b", mtaB,
                Step.Remove.of("pg-mta-a", "x86_64"));

        assertThat(operations(replaced)).containsExactly("-e pg-mta-a.x86_64", "-U pg-mta-b-2.0-1.x86_64.rpm");
        assertThat(root.rpmPackages()).containsExactly("pg-mta-b-2.0-1.x86_64");
    }

    @Test
    void aFailingPreScriptletFailsTheTransactionAndIsRecorded() {
        PackageToolException e = catchThrowableOfType(PackageToolException.class, () -> execute(installer, "peerget install pg-fail",
                step(Action.INSTALL, rpm("pg-fail", "1.0", "noarch"))));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.outputTail()).contains("pg-fail %pre: failing on purpose");
        assertThat(e.getMessage()).contains("rpm -U failed with exit code 1").contains("not done: pg-fail.noarch (install)");
        assertThat(root.rpmPackages()).isEmpty();
        HistoryEntry entry = new History(new Layout(root.path())).get(e.result().historyId()).orElseThrow();
        assertThat(entry.outcome()).isEqualTo(HistoryEntry.Outcome.FAILED);
        assertThat(entry.changes()).singleElement().satisfies(c -> {
            assertThat(c.result()).isEqualTo(dev.peerget.installer.Change.Result.FAILED);
            assertThat(c.run().exitCode()).isEqualTo(1);
        });
        assertThat(installer.interruption()).isEmpty();
    }

    @Test
    void rpmKilledDuringAnUpgradeLeavesTwoVersionsAndRecoverErasesTheOlder() throws Exception {
        execute(installer, "peerget install pg-slow", step(Action.INSTALL, rpm("pg-slow", "1.0", "noarch")));
        Path block = root.resolve("/var/lib/pg-fixture/slow-block");
        Files.createDirectories(block.getParent());
        Files.createFile(block);

        CompletableFuture<TransactionResult> upgrade = CompletableFuture.supplyAsync(() -> execute(installer,
                "peerget upgrade pg-slow", step(Action.UPGRADE, rpm("pg-slow", "2.0", "noarch"))));
        InstallerFixtures.awaitFile(block.resolveSibling("slow-started"), Duration.ofSeconds(60));
        InstallerFixtures.killChild("rpm");

        ExecutionException failed = catchThrowableOfType(ExecutionException.class, () -> upgrade.get(60, TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOf(PackageToolException.class);
        assertThat(((PackageToolException) failed.getCause()).exitCode()).isEqualTo(137);
        assertThat(root.rpmPackages()).containsExactly("pg-slow-1.0-1.noarch", "pg-slow-2.0-1.noarch");
        assertThat(installer.interruption()).get().satisfies(i -> {
            assertThat(i.message()).startsWith("rpm was interrupted during an upgrade in " + root.path());
            assertThat(i.packages()).containsExactly("pg-slow-1.0-1.noarch", "pg-slow-2.0-1.noarch");
        });
        assertThatThrownBy(() -> execute(installer, "peerget install pg-data",
                step(Action.INSTALL, rpm("pg-data", "1.0", "noarch")))).isInstanceOf(RecoveryNeededException.class);

        Files.delete(block);
        TransactionResult recovered = InstallerFixtures.recover(installer).orElseThrow();

        assertThat(operations(recovered)).containsExactly("-e pg-slow-1.0-1.noarch");
        assertThat(root.rpmPackages()).containsExactly("pg-slow-2.0-1.noarch");
        assertThat(root.resolve("/usr/share/pg-fixture/pg-slow/README")).as("shared with 2.0, kept").exists();
        assertThat(installer.interruption()).isEmpty();
    }
}
