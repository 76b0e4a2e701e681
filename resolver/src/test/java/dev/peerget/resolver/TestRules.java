package dev.peerget.resolver;

import dev.peerget.model.FormatRules;
import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionScheme;

/**
 * Simple matching rules for tests: dotted-integer versions, name/provides matching (an unversioned provide
 * does not satisfy a versioned requirement, as in Debian), absolute paths match shipped files, a package never
 * conflicts with its own name, Obsoletes match names only, {@code Multi-Arch: same} builds of different
 * architectures and {@code kernel*} builds coexist, {@code rpmlib(...)} is built in.
 */
final class TestRules implements FormatRules {

    static final VersionScheme DOTTED = (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    };

    @Override
    public VersionScheme versionScheme() {
        return DOTTED;
    }

    @Override
    public boolean satisfies(PackageRecord candidate, Requirement.Atom atom, PackageRecord dependent) {
        if (atom.name().startsWith("/")) {
            return candidate.files().contains(atom.name());
        }
        if (atom.archQualifier() != null && !atom.archQualifier().equals(candidate.arch())) {
            return false;
        }
        if (candidate.name().equals(atom.name()) && DOTTED.satisfies(candidate.version(), atom.constraint())) {
            return true;
        }
        for (Provide p : candidate.provides()) {
            if (p.name().equals(atom.name())) {
                if (atom.constraint() == null) {
                    return true;
                }
                if (p.version() != null && DOTTED.satisfies(p.version(), atom.constraint())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean forbids(PackageRecord dependent, RelationKind kind, Requirement.Atom atom, PackageRecord candidate) {
        if (candidate.name().equals(dependent.name())) {
            return false;
        }
        if (kind == RelationKind.OBSOLETES) {
            return candidate.name().equals(atom.name()) && DOTTED.satisfies(candidate.version(), atom.constraint());
        }
        return satisfies(candidate, atom, dependent);
    }

    @Override
    public boolean mayCoexist(PackageRecord a, PackageRecord b) {
        if (!a.name().equals(b.name())) {
            return true;
        }
        if (a.name().startsWith("kernel")) {
            return !a.id().equals(b.id());
        }
        return a.multiArch() == MultiArch.SAME && b.multiArch() == MultiArch.SAME && !a.arch().equals(b.arch());
    }

    @Override
    public boolean isBuiltIn(Requirement.Atom atom) {
        return atom.name().startsWith("rpmlib(");
    }
}
