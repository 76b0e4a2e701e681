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

    // Written out for speed, with the record's own hash (see PackageId).
    @Override
    public boolean equals(Object o) {
        return o instanceof VersionConstraint c && op == c.op && version.equals(c.version);
    }

    @Override
    public int hashCode() {
        return op.hashCode() * 31 + version.hashCode();
    }

    @Override
    public String toString() {
        return op.rpmSymbol() + " " + version;
    }
}
