package dev.peerget.installer.internal;

import dev.peerget.installer.Change;
import dev.peerget.installer.HistoryEntry;
import dev.peerget.installer.InstallListener;
import dev.peerget.installer.Requester;
import dev.peerget.installer.ToolRun;
import dev.peerget.installer.TransactionResult;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One transaction as it happens: written to the history when it begins (every change pending), after each tool
 * run, and when it ends with each change's result. Whatever kills the process, the history keeps what was
 * known up to then. Used by one thread, while the root lock is held.
 */
public final class TransactionRecorder implements AutoCloseable {
    private final HistoryDatabase db;
    private final Clock clock;
    private final long id;
    private final List<Change> planned;
    private final Integer[] runOf;
    private final List<ToolRun> runs = new ArrayList<>();

    private TransactionRecorder(HistoryDatabase db, Clock clock, long id, List<Change> planned) {
        this.db = db;
        this.clock = clock;
        this.id = id;
        this.planned = List.copyOf(planned);
        this.runOf = new Integer[planned.size()];
    }

    /**
     * Marks transactions left running by a killed process as interrupted, then records a new one.
     * The caller holds the root lock.
     */
    public static TransactionRecorder begin(Layout layout, Clock clock, Requester requester, String commandLine,
                                            PackageFormat format, List<Change> planned) {
        HistoryDatabase db = HistoryDatabase.open(layout);
        try {
            db.markRunningInterrupted();
            long id = db.begin(clock.instant(), requester, commandLine, format, planned);
            return new TransactionRecorder(db, clock, id, planned);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Marks transactions left running by a killed process as interrupted; the caller holds the root lock. */
    public static List<Long> closeAbandoned(Layout layout) {
        if (!java.nio.file.Files.exists(HistoryDatabase.fileOf(layout))) {
            return List.of();
        }
        try (HistoryDatabase db = HistoryDatabase.open(layout)) {
            return db.markRunningInterrupted();
        }
    }

    public long id() {
        return id;
    }

    /** Runs a tool for the changes at {@code changeIndexes} and records the run. */
    public ToolRun run(ToolRunner runner, List<String> command, Map<String, String> environment,
                       InstallListener listener, Collection<Integer> changeIndexes) {
        ToolRun run = runner.run(command, environment, listener);
        int seq = runs.size();
        runs.add(run);
        db.addRun(id, seq, run);
        for (int i : changeIndexes) {
            runOf[i] = seq;
        }
        return run;
    }

    /** Records each change's result ({@code results} in the order of the planned changes) and the end. */
    public TransactionResult finish(List<Change.Result> results) {
        return finish(results, false);
    }

    /**
     * As {@link #finish(List)}; with {@code interrupted} (a signal stopped the transaction between runs) an
     * unfinished transaction is recorded as {@link HistoryEntry.Outcome#INTERRUPTED} rather than failed.
     */
    public TransactionResult finish(List<Change.Result> results, boolean interrupted) {
        List<Change> done = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            done.add(planned.get(i).withResult(results.get(i), runOf[i] == null ? null : runs.get(runOf[i])));
        }
        TransactionResult result = new TransactionResult(id, done, runs);
        HistoryEntry.Outcome outcome = result.ok() ? HistoryEntry.Outcome.OK
                : interrupted ? HistoryEntry.Outcome.INTERRUPTED : HistoryEntry.Outcome.FAILED;
        db.finish(id, clock.instant(), outcome, done, Arrays.asList(runOf));
        return result;
    }

    @Override
    public void close() {
        db.close();
    }
}
