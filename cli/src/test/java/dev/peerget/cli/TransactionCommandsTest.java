package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.StaticHttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Around a transaction, with the real dpkg and the fixture apt repository over loopback HTTP: clean, history and
 * undo, recover, the confirmation (refused without a terminal, asked on one), the plan shown before the fetch, a
 * file that does not match the signed index, a held lock.
 */
class TransactionCommandsTest extends AptFixtureTest {
    @Test
    void cleanDeletesTheFetchedPackagesAndCleanAllTheMetadataToo() throws Exception {
        assertThat(run("install", "-y", "--download-only", "pg-hello").exitCode()).isZero();
        Path packages = root.resolve("/var/cache/peerget/packages");
        long cached;
        try (var files = Files.list(packages)) {
            cached = files.count();
        }
        assertThat(cached).as("pg-hello and its dependencies").isGreaterThanOrEqualTo(3);
        // What a torrent fetch that failed part-way leaves for its next attempt.
        Path unfinished = root.resolve("/var/cache/peerget/swarm/" + "ab".repeat(20) + "/pool/main/p");
        Files.createDirectories(unfinished);
        Files.write(unfinished.resolve("pg-data_1.0-1_all.deb"), new byte[4096]);

        CliRun clean = run("clean");
        assertThat(clean.exitCode()).as(clean.stderr()).isZero();
        assertThat(clean.stdout()).startsWith("Removed ").contains("of package files.");
        try (var files = Files.list(packages)) {
            assertThat(files).isEmpty();
        }
        try (var files = Files.list(root.resolve("/var/cache/peerget/swarm"))) {
            assertThat(files).as("unfinished torrent downloads").isEmpty();
        }
        assertThat(run("install", "-s", "pg-hello").exitCode()).as("the metadata stays").isZero();

        CliRun all = run("clean", "all");
        assertThat(all.exitCode()).as(all.stderr()).isZero();
        assertThat(all.stdout()).contains("and repository metadata");
        CliRun after = run("install", "-s", "pg-hello");
        assertThat(after.exitCode()).isNotZero();
        assertThat(after.stderr()).contains("peerget update");
        assertThat(run("update").exitCode()).isZero();
        assertThat(run("install", "-s", "pg-hello").exitCode()).isZero();
        assertThat(run("clean", "everything").stderr()).contains("unknown clean target 'everything'");
    }

    @Test
    void historyRecordsTransactionsAndUndoReversesOne() throws Exception {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        assertThat(run("install", "-y", "pg-libgreet=1.0-1", "--allow-downgrades").exitCode()).isZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.0-1");

        CliRun list = run("history");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).containsPattern("(?s)\\s+2 \\| install -y pg-libgreet=1\\.0-1 --allow-\\.\\.\\. \\| "
                + "[-0-9: ]+ \\| D +\\| 1\\n\\s+1 \\| install -y pg-hello +\\| [-0-9: ]+ \\| I +\\| 3\\n");
        CliRun info = run("history", "info", "1");
        assertThat(info.stdout()).contains("Outcome        : ok").contains("User           : root (uid 0)")
                .contains("install    pg-libgreet:amd64 1.1-1 (automatic)").contains("install    pg-hello:amd64 1.0-1\n");

        // Undo the downgrade: back to 1.1-1.
        CliRun undo = run("history", "undo", "-y", "2");
        assertThat(undo.exitCode()).as(undo.stderr()).isZero();
        assertThat(installed()).containsEntry("pg-libgreet", "1.1-1");
        // Undo the first install: everything it installed goes.
        CliRun undoFirst = run("history", "undo", "-y", "1");
        assertThat(undoFirst.exitCode()).as(undoFirst.stderr()).isZero();
        assertThat(installed()).doesNotContainKeys("pg-hello", "pg-libgreet", "pg-data");
        assertThat(run("history", "info", "9").stderr()).startsWith("E: there is no transaction 9");
    }

    @Test
    void recoverSaysWhenThereIsNothingToDoAndSeedStatusWhenNothingSeeds() {
        assertThat(run("install", "-y", "pg-data").exitCode()).isZero();
        CliRun recover = run("recover");
        assertThat(recover.exitCode()).as(recover.stderr()).isZero();
        assertThat(recover.stdout()).isEqualTo("Nothing to recover: no interrupted transaction.\n");
        assertThat(run("seed", "status").stdout()).isEqualTo("Not seeding (no seeding process runs).\n");
        assertThat(run("seed", "stop").stdout()).isEqualTo("Not seeding (no seeding process runs).\n");
    }

    @Test
    void withoutATerminalAndWithoutYesNothingChanges() throws Exception {
        CliRun r = run("install", "pg-data");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(r.stderr()).contains("E: not changing the system without a confirmation").contains("hint: add -y");
        assertThat(installed()).doesNotContainKey("pg-data");
    }

    @Test
    void theUserIsAskedOnATerminal() throws Exception {
        CliRun no = run(new BufferConsole().answering("n"), "install", "pg-data");
        assertThat(no.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(no.stdout()).contains("Do you want to continue? [Y/n] n").contains("Abort.");
        assertThat(installed()).doesNotContainKey("pg-data");

        CliRun yes = run(new BufferConsole().answering(""), "install", "pg-data");
        assertThat(yes.exitCode()).as(yes.stderr()).isZero();
        assertThat(installed()).containsEntry("pg-data", "1.0-1");
    }

    @Test
    void thePlanIsFlushedBeforeTheFetchStarts() {
        // Standard output of the real console is not flushed line by line: without a flush after the plan, a
        // log or pipe (and a benchmark's timestamps) would see the plan only with the first fetched file.
        List<String> flushed = new ArrayList<>();
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(new java.io.FilterWriter(text) {
            @Override
            public void flush() {
                flushed.add(text.toString());
            }
        }, false);
        PrintWriter err = new PrintWriter(new StringWriter(), true);
        Console console = new Console() {
            @Override
            public PrintWriter out() {
                return out;
            }

            @Override
            public PrintWriter err() {
                return err;
            }

            @Override
            public boolean isTerminal() {
                return false;
            }
        };
        int code = Main.run(console, System.getenv("PATH"), "--root", root.path().toString(), "install", "-y",
                "--download-only", "pg-data");
        assertThat(code).isZero();
        assertThat(flushed).isNotEmpty();
        assertThat(flushed.get(0)).contains("The following NEW packages will be installed:").doesNotContain("Get:");
        assertThat(text.toString()).contains("Get:1 ");
    }

    @Test
    void aFileThatDoesNotMatchTheSignedIndexStopsEverythingBeforeDpkgRuns() throws Exception {
        client.server().inject("apt/pool/main/p/pg-libgreet/pg-libgreet_1.1-1_amd64.deb",
                new StaticHttpServer.Fault.Corrupt());
        CliRun r = run("install", "-y", "pg-hello");
        assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFICATION.code());
        assertThat(r.stderr()).contains("pg-libgreet 1.1-1 amd64").contains("the signed index says");
        assertThat(installed()).as("nothing installed, not even the good files").isEmpty();
    }

    @Test
    void aHeldLockNamesItsHolder() throws Exception {
        Path lockFile = root.resolve("/var/lib/peerget/lock");
        Files.createDirectories(lockFile.getParent());
        // An fcntl lock, as peerget's own (flock(1) locks are a different kind).
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time; f=open(sys.argv[1],'w'); "
                + "fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)", lockFile.toString())
                .start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine())
                    .isEqualTo("locked");
            CliRun r = run("install", "-y", "pg-data");
            assertThat(r.exitCode()).isEqualTo(ExitCode.LOCKED.code());
            assertThat(r.stderr()).contains(lockFile.toString()).contains(Long.toString(holder.pid()));
            assertThat(installed()).doesNotContainKey("pg-data");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }
}
