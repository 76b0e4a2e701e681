package dev.peerget.engine.update;

import dev.peerget.model.PeergetException;
import java.util.Objects;

/**
 * How one repository's update ended.
 *
 * @param key          the repository's identity in the store
 * @param name         display name
 * @param status       what happened
 * @param packageCount packages now stored for it (the previous count when it failed)
 * @param error        why it failed, null otherwise
 */
public record RepositoryOutcome(String key, String name, Status status, long packageCount, PeergetException error) {
    public enum Status {
        /** New metadata was fetched, verified and stored. */
        UPDATED,
        /** The mirror confirmed the stored metadata is current. */
        UNCHANGED,
        /** The update failed; previous metadata, if any, stays in use. */
        FAILED,
        /** Unreachable, and configured with skip_if_unavailable: a warning, not a failure. */
        SKIPPED
    }

    public RepositoryOutcome {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        if ((status == Status.FAILED || status == Status.SKIPPED) != (error != null)) {
            throw new IllegalArgumentException("an error goes with FAILED or SKIPPED and only with them");
        }
    }
}
