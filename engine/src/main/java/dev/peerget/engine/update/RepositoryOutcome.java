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
    public enum Status { UPDATED, UNCHANGED, FAILED }

    public RepositoryOutcome {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        if ((status == Status.FAILED) != (error != null)) {
            throw new IllegalArgumentException("an error goes with FAILED and only with it");
        }
    }
}
