package dev.peerget.engine.query;

import java.util.Objects;

/** One result of {@code search}: the candidate of a name and architecture, and whether it is installed. */
public record SearchHit(AvailablePackage candidate, boolean installed) {
    public SearchHit {
        Objects.requireNonNull(candidate, "candidate");
    }
}
