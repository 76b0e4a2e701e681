package dev.peerget.repo.rpm.internal;

import dev.peerget.model.Op;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.rpm.RichDependencyParser;

/**
 * Turns one RPM dependency (name, comparison, EVR), as found in repodata {@code <rpm:entry>} elements or in the
 * rpmdb, into a {@link Relation}. Names starting with {@code (} are boolean dependencies (rpm 4.13+) and are
 * parsed by {@link RichDependencyParser}; their text is kept as written. {@code rpmlib(...)} requirements are
 * kept like any other: they name features of rpm itself and the resolver treats them as satisfied.
 * Stateless and thread-safe.
 */
public final class RpmDependencies {
    /** rpmsenseFlags bits from rpm's include/rpm/rpmds.h. */
    private static final int SENSE_LESS = 1 << 1;
    private static final int SENSE_GREATER = 1 << 2;
    private static final int SENSE_EQUAL = 1 << 3;

    private RpmDependencies() {
    }

    /**
     * A relation of {@code kind}; {@code op} and {@code evr} may be null for an unversioned dependency.
     *
     * @throws dev.peerget.repo.MetadataException when a boolean dependency does not parse
     */
    public static Relation relation(RelationKind kind, String name, Op op, String evr) {
        if (RichDependencyParser.isRich(name)) {
            return new Relation(kind, RichDependencyParser.parse(name), name);
        }
        VersionConstraint c = op == null || evr == null ? null : new VersionConstraint(op, evr);
        Requirement.Atom atom = new Requirement.Atom(name, null, c);
        return new Relation(kind, atom, atom.toString());
    }

    /** The repodata {@code flags} attribute ({@code EQ}, {@code LT}, {@code LE}, {@code GT}, {@code GE}) as an Op. */
    public static Op opOfFlags(String flags) {
        if (flags == null) {
            return null;
        }
        return switch (flags) {
            case "EQ" -> Op.EQ;
            case "LT" -> Op.LT;
            case "LE" -> Op.LE;
            case "GT" -> Op.GT;
            case "GE" -> Op.GE;
            default -> null;
        };
    }

    /** The comparison encoded in rpm's numeric sense flags, or null when none is set. */
    public static Op opOfSense(int sense) {
        boolean lt = (sense & SENSE_LESS) != 0;
        boolean gt = (sense & SENSE_GREATER) != 0;
        boolean eq = (sense & SENSE_EQUAL) != 0;
        if (lt && !gt) {
            return eq ? Op.LE : Op.LT;
        }
        if (gt && !lt) {
            return eq ? Op.GE : Op.GT;
        }
        return eq && !lt ? Op.EQ : null;
    }
}
