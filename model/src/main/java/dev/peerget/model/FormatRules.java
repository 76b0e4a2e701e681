package dev.peerget.model;

/**
 * A package format's matching rules, as the resolver needs them: which packages satisfy a requirement, which
 * a negative relation hits, and which builds may be installed side by side. Implemented per format in
 * repo-formats (Debian Policy §7 and the MultiArch spec; rpm's dependency and Obsoletes semantics), so the
 * resolver itself stays format-neutral. Implementations are stateless and thread-safe.
 */
public interface FormatRules {

    /** The version order of this format. */
    VersionScheme versionScheme();

    /**
     * Whether {@code candidate} satisfies {@code atom} in a positive relation of {@code dependent}: by its own
     * name and version, by one of its provides, or (RPM) by shipping the file {@code atom} names; architecture
     * qualifiers and Multi-Arch are taken into account. {@code dependent} is null for a user's request.
     */
    boolean satisfies(PackageRecord candidate, Requirement.Atom atom, PackageRecord dependent);

    /**
     * What of a (non-null) dependent {@link #satisfies} looks at: two dependents with equal keys get the same
     * answers for every candidate and atom, so a caller may share the answers between them (thousands of
     * packages depend on libc6 in the same way). The default, the dependent's identity, shares nothing.
     */
    default Object satisfiesKey(PackageRecord dependent) {
        return dependent.id();
    }

    /**
     * Whether the negative relation ({@link RelationKind#isNegative()}) of {@code dependent} on {@code atom}
     * forbids {@code candidate} (e.g. Debian: a package never conflicts with itself; rpm: Obsoletes match
     * package names only).
     */
    boolean forbids(PackageRecord dependent, RelationKind kind, Requirement.Atom atom, PackageRecord candidate);

    /**
     * Whether two different builds with the same name may be installed at the same time (Debian
     * {@code Multi-Arch: same} in different architectures; RPM installonly packages such as kernels, and
     * multilib architectures).
     */
    boolean mayCoexist(PackageRecord a, PackageRecord b);

    /** Whether an atom is satisfied by the package tool itself, with no package (rpm's {@code rpmlib(...)}). */
    boolean isBuiltIn(Requirement.Atom atom);
}
