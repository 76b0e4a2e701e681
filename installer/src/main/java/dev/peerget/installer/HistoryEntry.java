package dev.peerget.installer;

import dev.peerget.model.PackageFormat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded transaction.
 *
 * @param id          increasing from 1 per root
 * @param started     when the installer began
 * @param ended       when it finished, null while it runs or when it was killed
 * @param uid         the requester's user id
 * @param user        the requester's user name
 * @param commandLine the command the caller gave
 * @param format      dpkg or rpm
 * @param outcome     how it ended
 * @param changes     one per step, in the transaction's order
 * @param runs        every dpkg/rpm run, in order
 */
public record HistoryEntry(long id, Instant started, Instant ended, int uid, String user, String commandLine,
                           PackageFormat format, Outcome outcome, List<Change> changes, List<ToolRun> runs) {
    public HistoryEntry {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(outcome, "outcome");
        changes = List.copyOf(changes);
        runs = List.copyOf(runs);
    }

    /** How a transaction ended. */
    public enum Outcome {
        /** Still running: its process holds the root lock. */
        RUNNING,
        /** Every change done. */
        OK,
        /** dpkg or rpm failed; the changes say which packages are done. */
        FAILED,
        /**
         * The installer was killed (found by the next run, which marks it so), or a signal stopped it between two
         * dpkg/rpm runs before every change was done (recorded as it stopped).
         */
        INTERRUPTED
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(ended);
    }
}
