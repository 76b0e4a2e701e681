package dev.peerget.installer.internal;

import dev.peerget.installer.Change;
import dev.peerget.installer.Interruption;
import dev.peerget.installer.ToolRun;
import dev.peerget.installer.TransactionInterruptedException;
import dev.peerget.installer.TransactionResult;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The report of a transaction that a signal stopped between two dpkg or rpm runs; see {@link SignalDeferral}. */
public final class InterruptedRuns {
    private InterruptedRuns() {
    }

    /**
     * @param tool       {@code dpkg} or {@code rpm}
     * @param signals    the deferral that noted the signal
     * @param last       the last run, during which the signal came
     * @param runsPlanned how many runs the transaction needed
     * @param result     the transaction as the history now records it
     * @param left       what the database shows unfinished now, whose hint says how to recover
     */
    public static TransactionInterruptedException report(String tool, SignalDeferral signals, ToolRun last,
            int runsPlanned, TransactionResult result, Optional<Interruption> left) {
        String signal = signals.received().orElseThrow();
        String notDone = result.changes().stream().filter(c -> c.result() != Change.Result.OK)
                .map(c -> c.name() + ":" + c.arch() + " (" + c.action().name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
        String lastRun = last.exitCode() == 0 ? "it ended without error"
                : last.exitCode() > 128 ? "it was killed by signal " + (last.exitCode() - 128)
                : "it failed with exit code " + last.exitCode();
        String message = "interrupted by " + signal + ": peerget let the running " + tool + " finish (" + lastRun
                + ") and stopped after " + result.runs().size() + " of " + runsPlanned + " " + tool + " runs"
                + " (transaction " + result.historyId() + ")"
                + (notDone.isEmpty() ? "; every change was made" : "; not done: " + notDone);
        String hint = left.map(Interruption::hint).orElse(notDone.isEmpty()
                ? "nothing is left to do; see peerget history info " + result.historyId()
                : "run the command again to finish it (see peerget history info " + result.historyId() + ")");
        return new TransactionInterruptedException(message, hint, signal, signals.exitCode(), result);
    }
}
