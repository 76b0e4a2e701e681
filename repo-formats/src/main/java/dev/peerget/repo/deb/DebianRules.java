package dev.peerget.repo.deb;

import dev.peerget.model.FormatRules;
import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.model.VersionScheme;
import java.util.Objects;

/**
 * Debian's matching rules: Debian Policy §7.1–7.6 (relations, virtual packages in §7.5) and the MultiArch spec
 * as dpkg ({@code lib/dpkg/depcon.c}) and apt ({@code pkgCache::DepIterator::IsIgnorable}) implement it.
 *
 * <p><b>Names and versions.</b> A candidate matches an atom by its own name and version, or by a
 * {@code Provides} entry: an unversioned provide matches only an unversioned atom, a versioned provide
 * {@code foo (= 1.0)} matches an atom on {@code foo} whose constraint accepts 1.0 (Policy §7.5; dpkg's
 * {@code pkg_virtual_deppossi_satisfied}). The same holds for Conflicts and Breaks, so a versioned Conflicts
 * never hits an unversioned provide.
 *
 * <p><b>Architectures</b> (dpkg's {@code deparchsatisfied}): {@code Architecture: all} counts as the native
 * architecture, on the dependent's and on the candidate's side. A positive relation without qualifier is
 * satisfied by a candidate of the dependent's architecture, or of any architecture when the candidate is
 * {@code Multi-Arch: foreign}; {@code name:any} only by a {@code Multi-Arch: allowed} candidate (of any
 * architecture; neither dpkg nor apt lets {@code :any} match a candidate with another Multi-Arch value, not
 * even one of the same architecture); {@code name:native} by the native architecture; {@code name:arch} by that
 * architecture. A provide is matched with the providing package's architecture and Multi-Arch, as apt does.
 * Conflicts and Breaks without qualifier (or with {@code :any}) hit every architecture.
 *
 * <p><b>Self-conflicts.</b> A package never conflicts with itself (Policy §7.4: a package may conflict with a
 * virtual package it provides); a {@code Multi-Arch: same} package does not conflict with its own other
 * architecture instances; and, as in apt, a provide of a package with the dependent's own name is never hit.
 *
 * <p>The foreign architectures a system accepts are not a matching rule: they decide which packages enter the
 * universe at all, so they are the caller's concern. Immutable and thread-safe.
 */
public final class DebianRules implements FormatRules {
    private static final String ALL = "all";
    private static final String ANY = "any";
    private static final String NATIVE = "native";

    private final String nativeArch;

    /**
     * @param nativeArch dpkg's native architecture ({@code dpkg --print-architecture}), e.g. {@code amd64}
     * @throws IllegalArgumentException if it is empty or one of the pseudo-architectures all, any, native
     */
    public DebianRules(String nativeArch) {
        Objects.requireNonNull(nativeArch, "nativeArch");
        if (nativeArch.isEmpty() || nativeArch.equals(ALL) || nativeArch.equals(ANY) || nativeArch.equals(NATIVE)) {
            throw new IllegalArgumentException("not a native architecture: '" + nativeArch + "'");
        }
        this.nativeArch = nativeArch;
    }

    /** The native architecture this instance resolves {@code all} and {@code :native} to. */
    public String nativeArch() {
        return nativeArch;
    }

    @Override
    public VersionScheme versionScheme() {
        return DebVersionScheme.INSTANCE;
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a user's request ({@code dependent == null}) an unqualified or {@code :any} atom matches every
     * architecture (the caller picks one, as apt prefers the native one); {@code name:arch} and
     * {@code name:native} still restrict it.
     */
    @Override
    public boolean satisfies(PackageRecord candidate, Requirement.Atom atom, PackageRecord dependent) {
        if (!matchesOwnName(candidate, atom) && !matchesProvide(candidate, atom)) {
            return false;
        }
        String qualifier = atom.archQualifier();
        if (dependent == null) {
            return qualifier == null || qualifier.equals(ANY) || sameArch(candidate.arch(), qualifier);
        }
        if (qualifier == null) {
            return candidate.multiArch() == MultiArch.FOREIGN || sameArch(candidate.arch(), dependent.arch());
        }
        if (qualifier.equals(ANY)) {
            return candidate.multiArch() == MultiArch.ALLOWED;
        }
        return sameArch(candidate.arch(), qualifier);
    }

    /** {@inheritDoc} Only the dependent's architecture matters (Multi-Arch), with {@code all} as native. */
    @Override
    public Object satisfiesKey(PackageRecord dependent) {
        return normalize(dependent.arch());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only {@link RelationKind#CONFLICTS} and {@link RelationKind#BREAKS} forbid anything; Debian has no
     * Obsoletes, and Replaces alone does not forbid co-installation (Policy §7.6).
     */
    @Override
    public boolean forbids(PackageRecord dependent, RelationKind kind, Requirement.Atom atom,
                           PackageRecord candidate) {
        if (kind != RelationKind.CONFLICTS && kind != RelationKind.BREAKS) {
            return false;
        }
        if (candidate.id().equals(dependent.id())) {
            return false; // Policy §7.4: never conflicts with itself, even through its own provides
        }
        boolean sameName = candidate.name().equals(dependent.name());
        if (sameName && dependent.multiArch() == MultiArch.SAME
                && !sameArch(candidate.arch(), dependent.arch())) {
            return false; // apt's IsIgnorable: other-arch instances of a Multi-Arch: same package
        }
        // apt's IsIgnorable(PrvIterator): provides of the dependent's own package group never count.
        boolean hit = matchesOwnName(candidate, atom) || (!sameName && matchesProvide(candidate, atom));
        if (!hit) {
            return false;
        }
        String qualifier = atom.archQualifier();
        return qualifier == null || qualifier.equals(ANY) || sameArch(candidate.arch(), qualifier);
    }

    /**
     * {@inheritDoc}
     *
     * <p>True only for two {@code Multi-Arch: same} builds of one version in different architectures: dpkg
     * refuses to co-install M-A: same instances whose versions differ. Builds with different names are not
     * this rule's concern (their conflicts are {@link #forbids}'), so they may coexist here.
     */
    @Override
    public boolean mayCoexist(PackageRecord a, PackageRecord b) {
        if (!a.name().equals(b.name())) {
            return true;
        }
        return a.multiArch() == MultiArch.SAME && b.multiArch() == MultiArch.SAME
                && !sameArch(a.arch(), b.arch())
                && DebVersionScheme.INSTANCE.compare(a.version(), b.version()) == 0;
    }

    /** Debian has no relations satisfied by dpkg itself. */
    @Override
    public boolean isBuiltIn(Requirement.Atom atom) {
        return false;
    }

    private static boolean matchesOwnName(PackageRecord candidate, Requirement.Atom atom) {
        return candidate.name().equals(atom.name())
                && DebVersionScheme.INSTANCE.satisfies(candidate.version(), atom.constraint());
    }

    /** Policy §7.5 as dpkg's {@code pkg_virtual_deppossi_satisfied} implements it. */
    private static boolean matchesProvide(PackageRecord candidate, Requirement.Atom atom) {
        VersionConstraint constraint = atom.constraint();
        for (Provide p : candidate.provides()) {
            if (!p.name().equals(atom.name())) {
                continue;
            }
            if (constraint == null) {
                return true;
            }
            if (p.version() != null && DebVersionScheme.INSTANCE.satisfies(p.version(), constraint)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two architecture names (or {@code native}) denote the same one, {@code all} being native. */
    private boolean sameArch(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private String normalize(String arch) {
        return arch.equals(ALL) || arch.equals(NATIVE) ? nativeArch : arch;
    }
}
