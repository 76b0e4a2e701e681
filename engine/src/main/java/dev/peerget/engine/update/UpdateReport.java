package dev.peerget.engine.update;

import java.time.Duration;
import java.util.List;

/** The result of {@code update}: one outcome per configured repository, bytes downloaded and time taken. */
public record UpdateReport(List<RepositoryOutcome> outcomes, long bytesFetched, Duration elapsed) {
    public UpdateReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether any repository failed (its old metadata, if any, is still in use). */
    public boolean anyFailed() {
        return outcomes.stream().anyMatch(o -> o.status() == RepositoryOutcome.Status.FAILED);
    }
}
