package dev.peerget.cache;

import java.util.Objects;

/** A repository as stored: its row id, what was recorded, and how many packages it holds. */
public record StoredRepository(long id, RepositoryInfo info, long packageCount) {
    public StoredRepository {
        Objects.requireNonNull(info, "info");
    }
}
