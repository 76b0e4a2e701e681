package dev.peerget.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.installer.internal.ToolRunner;
import dev.peerget.installer.internal.TransactionRecorder;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Requester ALICE = new Requester(1000, "alice");

    @TempDir
    java.nio.file.Path tmp;

    /** A change; packages named lib* are dependencies, and were marked automatic when they were installed. */
    private static Change change(Action action, String name, String oldVersion, String newVersion,
                                 Change.Result result) {
        boolean lib = name.startsWith("lib");
        Change.Prior prior = oldVersion == null ? Change.Prior.ABSENT
                : lib ? Change.Prior.AUTOMATIC : Change.Prior.MANUAL;
        return new Change(action, name, "amd64", oldVersion, newVersion, lib, result, null, prior);
    }

    private static HistoryEntry entry(Change... changes) {
        return new HistoryEntry(7, T0, T0, 0, "root", "peerget upgrade", PackageFormat.DEB,
                HistoryEntry.Outcome.OK, List.of(changes), List.of());
    }

    @Test
    void undoInvertsEveryDoneChangeNewestFirst() {
        HistoryEntry e = entry(
                change(Action.INSTALL, "new", null, "1.0", Change.Result.OK),
                change(Action.REMOVE, "gone", "2.0", null, Change.Result.OK),
                change(Action.PURGE, "purged", "3.0", null, Change.Result.OK),
                change(Action.UPGRADE, "libup", "1.0", "1.1", Change.Result.OK),
                change(Action.DOWNGRADE, "down", "5.0", "4.0", Change.Result.OK),
                change(Action.REINSTALL, "same", "1.0", "1.0", Change.Result.OK),
                change(Action.INSTALL, "broken", null, "1.0", Change.Result.FAILED));

        assertThat(History.undo(e)).containsExactly(
                new UndoStep(Action.UPGRADE, "down", "amd64", "5.0", false),
                new UndoStep(Action.DOWNGRADE, "libup", "amd64", "1.0", true),
                new UndoStep(Action.INSTALL, "purged", "amd64", "3.0", false),
                new UndoStep(Action.INSTALL, "gone", "amd64", "2.0", false),
                new UndoStep(Action.REMOVE, "new", "amd64", null, false));
    }

    @Test
    void undoPutsBackEachPackageWithItsMarkOfBeforeNotTheUndoneTransactionsReason() {
        // A dependency removed at the user's request (automatic=false) comes back automatic; a manual package
        // removed as a consequence (automatic=true) comes back manual.
        HistoryEntry e = entry(
                new Change(Action.REMOVE, "libdep", "amd64", "1.0", null, false, Change.Result.OK, null,
                        Change.Prior.AUTOMATIC),
                new Change(Action.REMOVE, "app", "amd64", "2.0", null, true, Change.Result.OK, null,
                        Change.Prior.MANUAL),
                new Change(Action.UPGRADE, "libup", "amd64", "1.0", "1.1", false, Change.Result.OK, null,
                        Change.Prior.AUTOMATIC));
        assertThat(History.undo(e)).containsExactly(
                new UndoStep(Action.DOWNGRADE, "libup", "amd64", "1.0", true),
                new UndoStep(Action.INSTALL, "app", "amd64", "2.0", false),
                new UndoStep(Action.INSTALL, "libdep", "amd64", "1.0", true));
    }

    @Test
    void aPurgeOfConfigurationFilesOnlyIsNotUndoneByInstallingThePackage() {
        Change rc = new Change(Action.PURGE, "conf", "all", "1.0", null, false, Change.Result.OK, null,
                Change.Prior.CONFIG_FILES);
        HistoryEntry e = entry(rc, change(Action.PURGE, "app", "2.0", null, Change.Result.OK));
        assertThat(History.undo(e)).containsExactly(new UndoStep(Action.INSTALL, "app", "amd64", "2.0", false));
        assertThat(History.notRestored(e)).containsExactly(rc);
    }

    @Test
    void entriesOfTheFirstSchemaHaveNoMarksAndComeBackManualAndTheFileIsUpgraded() throws Exception {
        Layout layout = new Layout(tmp.resolve("root"));
        java.nio.file.Path file = layout.stateDir().resolve("history.sqlite");
        java.nio.file.Files.createDirectories(file.getParent());
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            // Schema 1 as peerget wrote it before the prior column.
            st.execute("CREATE TABLE transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, started_ms INTEGER NOT NULL,"
                    + " ended_ms INTEGER, uid INTEGER NOT NULL, user TEXT NOT NULL, pid INTEGER NOT NULL,"
                    + " command_line TEXT NOT NULL, format TEXT NOT NULL, outcome TEXT NOT NULL)");
            st.execute("CREATE TABLE runs (transaction_id INTEGER NOT NULL REFERENCES transactions(id),"
                    + " seq INTEGER NOT NULL, command TEXT NOT NULL, exit_code INTEGER NOT NULL,"
                    + " output_tail TEXT NOT NULL, PRIMARY KEY (transaction_id, seq))");
            st.execute("CREATE TABLE changes (transaction_id INTEGER NOT NULL REFERENCES transactions(id),"
                    + " seq INTEGER NOT NULL, action TEXT NOT NULL, name TEXT NOT NULL, arch TEXT NOT NULL,"
                    + " old_version TEXT, new_version TEXT, automatic INTEGER NOT NULL, result TEXT NOT NULL,"
                    + " run_seq INTEGER, PRIMARY KEY (transaction_id, seq))");
            st.execute("PRAGMA user_version=1");
            st.execute("INSERT INTO transactions VALUES (1, 0, 0, 0, 'root', 1, 'peerget remove libx', 'deb', 'ok')");
            st.execute("INSERT INTO changes VALUES (1, 0, 'remove', 'libx', 'amd64', '1.0', NULL, 1, 'ok', NULL)");
        }

        Change old = new History(layout).get(1).orElseThrow().changes().get(0);
        assertThat(old.prior()).isEqualTo(Change.Prior.INSTALLED);
        assertThat(new History(layout).undo(1)).containsExactly(
                new UndoStep(Action.INSTALL, "libx", "amd64", "1.0", false));

        try (TransactionRecorder r = TransactionRecorder.begin(layout, Clock.fixed(T0, ZoneOffset.UTC), ALICE,
                "peerget remove liby", PackageFormat.DEB, List.of(new Change(Action.REMOVE, "liby", "amd64", "2.0",
                        null, false, Change.Result.PENDING, null, Change.Prior.AUTOMATIC)))) {
            r.finish(List.of(Change.Result.OK));
        }
        assertThat(new History(layout).undo(2)).containsExactly(
                new UndoStep(Action.INSTALL, "liby", "amd64", "2.0", true));
    }

    @Test
    void anUpgradeOfSomethingThatWasNotInstalledIsUndoneByRemovingIt() {
        assertThat(History.undo(entry(change(Action.UPGRADE, "x", null, "2.0", Change.Result.OK))))
                .containsExactly(new UndoStep(Action.REMOVE, "x", "amd64", null, false));
    }

    @Test
    void aRootWithoutHistoryListsNothingAndGetsNoFile() {
        Layout layout = new Layout(tmp.resolve("root"));
        History history = new History(layout);
        assertThat(history.list()).isEmpty();
        assertThat(history.get(1)).isEmpty();
        assertThatThrownBy(() -> history.undo(1)).isInstanceOf(InstallerException.class)
                .hasMessageContaining("no transaction 1 in the history of " + layout.root());
        assertThat(layout.stateDir()).doesNotExist();
    }

    @Test
    void recordsRequesterTimesRunsAndResultsAndListsNewestFirst() {
        Layout layout = new Layout(tmp.resolve("root"));
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        ToolRunner runner = new ToolRunner(Map.of());
        long first;
        try (TransactionRecorder r = TransactionRecorder.begin(layout, clock, ALICE, "peerget install a b",
                PackageFormat.DEB, List.of(change(Action.INSTALL, "a", null, "1", Change.Result.PENDING),
                        change(Action.INSTALL, "b", null, "2", Change.Result.PENDING)))) {
            first = r.id();
            r.run(runner, List.of("sh", "-c", "echo unpacking a; echo 'and b'"), Map.of(), InstallListener.NONE,
                    List.of(0, 1));
            r.run(runner, List.of("sh", "-c", "echo 'b: postinst failed' >&2; exit 3"), Map.of(),
                    InstallListener.NONE, List.of(1));
            r.finish(List.of(Change.Result.OK, Change.Result.FAILED));
        }
        long second;
        try (TransactionRecorder r = TransactionRecorder.begin(layout, clock, ALICE, "peerget remove a",
                PackageFormat.DEB, List.of(change(Action.REMOVE, "a", "1", null, Change.Result.PENDING)))) {
            second = r.id();
            r.finish(List.of(Change.Result.OK));
        }

        List<HistoryEntry> list = new History(layout).list();
        assertThat(list).extracting(HistoryEntry::id).containsExactly(second, first);
        HistoryEntry e = new History(layout).get(first).orElseThrow();
        assertThat(e.started()).isEqualTo(T0);
        assertThat(e.ended()).isEqualTo(T0);
        assertThat(e.uid()).isEqualTo(1000);
        assertThat(e.user()).isEqualTo("alice");
        assertThat(e.commandLine()).isEqualTo("peerget install a b");
        assertThat(e.format()).isEqualTo(PackageFormat.DEB);
        assertThat(e.outcome()).isEqualTo(HistoryEntry.Outcome.FAILED);
        assertThat(e.runs()).extracting(ToolRun::exitCode).containsExactly(0, 3);
        assertThat(e.runs().get(0).command()).containsExactly("sh", "-c", "echo unpacking a; echo 'and b'");
        assertThat(e.runs().get(0).outputTail()).isEqualTo("unpacking a\nand b");
        assertThat(e.changes()).extracting(c -> c.name() + " " + c.result() + " exit " + c.run().exitCode())
                .containsExactly("a OK exit 0", "b FAILED exit 3");
        assertThat(e.changes().get(1).run().outputTail()).isEqualTo("b: postinst failed");
        assertThat(new History(layout).get(second).orElseThrow().outcome()).isEqualTo(HistoryEntry.Outcome.OK);
    }

    @Test
    void aTransactionWhoseInstallerDiedIsMarkedInterruptedByTheNextLockHolder() {
        Layout layout = new Layout(tmp.resolve("root"));
        long id;
        try (TransactionRecorder r = TransactionRecorder.begin(layout, Clock.systemUTC(), ALICE, "peerget install a",
                PackageFormat.RPM, List.of(change(Action.INSTALL, "a", null, "1", Change.Result.PENDING)))) {
            id = r.id(); // never finished, as if the process had been killed here
        }
        HistoryEntry running = new History(layout).get(id).orElseThrow();
        assertThat(running.outcome()).as("its process (this one) still lives").isEqualTo(HistoryEntry.Outcome.RUNNING);
        assertThat(running.ended()).isNull();
        assertThat(running.changes()).singleElement()
                .satisfies(c -> assertThat(c.result()).isEqualTo(Change.Result.PENDING));

        assertThat(TransactionRecorder.closeAbandoned(layout)).containsExactly(id);

        assertThat(new History(layout).get(id).orElseThrow().outcome()).isEqualTo(HistoryEntry.Outcome.INTERRUPTED);
        assertThat(TransactionRecorder.closeAbandoned(layout)).isEmpty();
    }

    @Test
    void aListenerSeesEveryLineAndTheTailKeepsTheLastForty() {
        List<String> seen = new java.util.ArrayList<>();
        ToolRun run = new ToolRunner(Map.of("PG_TEST", "x")).run(
                List.of("sh", "-c", "for i in $(seq 1 50); do echo line $i $PG_TEST; done"), Map.of(),
                new InstallListener() {
                    @Override
                    public void output(String line) {
                        seen.add(line);
                    }
                });
        assertThat(seen).hasSize(50).startsWith("line 1 x");
        assertThat(run.outputTail().lines().toList()).hasSize(ToolRun.TAIL_LINES).startsWith("line 11 x")
                .endsWith("line 50 x");
    }
}
