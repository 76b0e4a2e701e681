package dev.peerget.repo.rpm;

import dev.peerget.model.FormatRules;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionScheme;
import java.util.Objects;
import java.util.Set;

/**
 * RPM's matching rules, as rpm 4.18 ({@code rpmdsCompare()}) and libsolv/dnf ({@code solver_addpkgrulesforsolvable})
 * apply them.
 *
 * <p><b>Capabilities.</b> A candidate satisfies an atom through its own name (the implicit self-provide
 * {@code name = EVR} every rpm carries, which {@link PrimaryParser} drops from the provides list), through a
 * provide, or, for an atom that is an absolute path, by listing that file. Versions are compared with
 * {@link RpmVersionScheme#satisfies} (rpm's range overlap, including its missing-release rule). An
 * unversioned provide satisfies every requirement on its name, versioned or not: {@code rpmdsCompareIndex()}
 * declares an overlap as soon as either side is an "existence test" without a sense flag, and libsolv's
 * {@code pool_addrelproviders()} lets unversioned provides match any relation outside Debian mode. (Debian does
 * the opposite, see {@link dev.peerget.repo.deb.DebianRules}.) File requirements are never versioned. RPM
 * dependencies carry no architecture: {@code foo(x86-64)} is an ordinary capability name.
 *
 * <p><b>Negative relations.</b> Conflicts match like requirements (names, provides, files). Obsoletes match
 * package names only, with the version range (rpm.org "Tag Semantics": "Obsoletes does not work on provides,
 * only on package names"; dnf leaves libsolv's {@code obsoleteusesprovides} off), and never a package of the
 * dependent's own name and architecture (same page: it "does not remove a package of the same name and
 * architecture"; another architecture of the name it does hit, to retire a multilib package). Neither relation
 * ever hits the dependent itself (libsolv skips {@code p == n}). Explicit Obsoletes of installonly packages
 * still apply: hawkey sets {@code SOLVER_FLAG_KEEP_EXPLICIT_OBSOLETES}.
 *
 * <p><b>Co-installation.</b> Builds of one name may coexist when the name is installonly (dnf's
 * {@code installonlypkgs}, matched against names and provides as dnf's {@code SOLVER_SOLVABLE_PROVIDES} job does)
 * and the versions differ, or as multilib: one version in two different binary architectures
 * ({@code x86_64} and {@code i686}); rpm lets those share colored files. {@code noarch} never coexists with
 * another architecture of its name. (libsolv with {@code implicitobsoleteusescolors} would also accept
 * different versions across architectures; rpm's file conflicts reject them in practice, so peerget does not.)
 *
 * <p><b>Built-ins.</b> {@code rpmlib(...)} capabilities name features of rpm itself (rpm's
 * {@code rpmdsRpmlib()}); createrepo_c leaves them out of primary.xml, but installed headers carry them.
 * {@code config(...)} is not built in: rpmbuild adds it to the provides of packages with
 * {@code %config} files.
 *
 * <p>Immutable and thread-safe. {@link #satisfies} scans the candidate's file list for path atoms; callers that
 * ask about many paths should index files themselves and use this class to confirm.
 */
public final class RpmRules implements FormatRules {

    /** dnf's default {@code installonlypkgs} (dnf5 {@code INSTALLONLYPKGS}, libdnf {@code ConfigMain}). */
    public static final Set<String> DNF_INSTALLONLY_PKGS = Set.of(
            "kernel", "kernel-PAE", "installonlypkg(kernel)", "installonlypkg(kernel-module)",
            "installonlypkg(vm)", "multiversion(kernel)");

    private static final String NOARCH = "noarch";

    private final Set<String> installOnly;

    /** @param installOnly names and provides whose packages may be installed in several versions */
    public RpmRules(Set<String> installOnly) {
        this.installOnly = Set.copyOf(Objects.requireNonNull(installOnly, "installOnly"));
    }

    /** Rules with dnf's default installonly packages. */
    public static RpmRules withDnfDefaults() {
        return new RpmRules(DNF_INSTALLONLY_PKGS);
    }

    /** The installonly names and provides this instance was built with. */
    public Set<String> installOnly() {
        return installOnly;
    }

    @Override
    public VersionScheme versionScheme() {
        return RpmVersionScheme.INSTANCE;
    }

    /** {@inheritDoc} The dependent does not matter: rpm relations have no architecture qualifiers. */
    @Override
    public Object satisfiesKey(PackageRecord dependent) {
        return Boolean.TRUE;
    }

    /** {@inheritDoc} The dependent does not matter: rpm relations have no architecture qualifiers. */
    @Override
    public boolean satisfies(PackageRecord candidate, Requirement.Atom atom, PackageRecord dependent) {
        return matchesName(candidate, atom) || matchesProvide(candidate, atom) || matchesFile(candidate, atom);
    }

    @Override
    public boolean forbids(PackageRecord dependent, RelationKind kind, Requirement.Atom atom,
                           PackageRecord candidate) {
        if (candidate.id().equals(dependent.id())) {
            return false;
        }
        return switch (kind) {
            case CONFLICTS -> satisfies(candidate, atom, dependent);
            case OBSOLETES -> matchesName(candidate, atom)
                    && !(candidate.name().equals(dependent.name()) && candidate.arch().equals(dependent.arch()));
            default -> false;
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>Builds with different names are not this rule's concern (their conflicts are {@link #forbids}'), so
     * they may coexist here; one and the same build never "coexists" with itself.
     */
    @Override
    public boolean mayCoexist(PackageRecord a, PackageRecord b) {
        if (!a.name().equals(b.name())) {
            return true;
        }
        if (a.id().equals(b.id())) {
            return false;
        }
        boolean sameVersion = RpmVersionScheme.INSTANCE.compare(a.version(), b.version()) == 0;
        if (!sameVersion) {
            return isInstallOnly(a) && isInstallOnly(b);
        }
        return !a.arch().equals(b.arch()) && isBinaryArch(a.arch()) && isBinaryArch(b.arch());
    }

    /** {@code rpmlib(...)} features, provided by rpm itself. */
    @Override
    public boolean isBuiltIn(Requirement.Atom atom) {
        return atom.name().startsWith("rpmlib(");
    }

    /** Whether dnf treats {@code p} as installonly: its name or one of its provides is configured. */
    public boolean isInstallOnly(PackageRecord p) {
        if (installOnly.contains(p.name())) {
            return true;
        }
        for (Provide provide : p.provides()) {
            if (installOnly.contains(provide.name())) {
                return true;
            }
        }
        return false;
    }

    /** The implicit self-provide {@code name = EVR}. */
    private static boolean matchesName(PackageRecord candidate, Requirement.Atom atom) {
        return candidate.name().equals(atom.name())
                && RpmVersionScheme.INSTANCE.satisfies(candidate.version(), atom.constraint());
    }

    /** rpmdsCompare of each provide against the atom; an unversioned provide overlaps every range. */
    private static boolean matchesProvide(PackageRecord candidate, Requirement.Atom atom) {
        for (Provide p : candidate.provides()) {
            if (p.name().equals(atom.name())
                    && (p.version() == null || RpmVersionScheme.INSTANCE.satisfies(p.version(), atom.constraint()))) {
                return true;
            }
        }
        return false;
    }

    /** File provides: every path the index lists (files, directories, ghosts alike) satisfies a path atom. */
    private static boolean matchesFile(PackageRecord candidate, Requirement.Atom atom) {
        return atom.name().startsWith("/") && candidate.files().contains(atom.name());
    }

    private static boolean isBinaryArch(String arch) {
        return !arch.isEmpty() && !arch.equals(NOARCH) && !arch.equals("src") && !arch.equals("nosrc");
    }
}
