package dev.peerget.installer;

import java.util.List;

/**
 * The outcome of {@link Installer#execute} or {@link Installer#recover}.
 *
 * @param historyId the transaction's id in the {@link History}
 * @param changes   one entry per step, with its result
 * @param runs      every dpkg/rpm run, in order
 */
public record TransactionResult(long historyId, List<Change> changes, List<ToolRun> runs) {
    public TransactionResult {
        changes = List.copyOf(changes);
        runs = List.copyOf(runs);
    }

    /** Whether every run succeeded and every change is done. */
    public boolean ok() {
        return runs.stream().allMatch(ToolRun::succeeded)
                && changes.stream().allMatch(c -> c.result() == Change.Result.OK);
    }
}
