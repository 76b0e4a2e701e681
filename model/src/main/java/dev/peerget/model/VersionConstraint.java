package dev.peerget.model;

import java.util.Objects;

/** A bound on a version, such as {@code >= 1.2-3}. */
public record VersionConstraint(Op op, String version) {
    public VersionConstraint {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(version, "version");
        if (version.isEmpty()) {
            throw new IllegalArgumentException("empty version in constraint");
        }
    }

    @Override
    public String toString() {
        return op.rpmSymbol() + " " + version;
    }
}
