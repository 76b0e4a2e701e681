package dev.peerget.model;

/**
 * The kinds of package relation, covering both Debian control fields and RPM dependency tags.
 * RPM {@code Requires} maps to {@link #DEPENDS} and {@code Requires(pre)} to {@link #PRE_DEPENDS}.
 */
public enum RelationKind {
    DEPENDS, PRE_DEPENDS, RECOMMENDS, SUGGESTS, ENHANCES, SUPPLEMENTS, CONFLICTS, BREAKS, REPLACES, OBSOLETES;

    /** Whether the relation must hold for the package to be installed. */
    public boolean isHardRequirement() {
        return this == DEPENDS || this == PRE_DEPENDS;
    }

    /** Whether the relation is a weak (optional) dependency. */
    public boolean isWeak() {
        return this == RECOMMENDS || this == SUGGESTS || this == ENHANCES || this == SUPPLEMENTS;
    }

    /** Whether the relation forbids the matched packages. */
    public boolean isNegative() {
        return this == CONFLICTS || this == BREAKS || this == OBSOLETES;
    }
}
