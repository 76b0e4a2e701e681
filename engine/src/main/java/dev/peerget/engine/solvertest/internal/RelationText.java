package dev.peerget.engine.solvertest.internal;

import dev.peerget.model.PackageFormat;
import dev.peerget.model.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a repository would have written for a requirement read back from a testcase: Debian's
 * {@code name:arch (>= 1.0) | other}, rpm's {@code name >= 1.0} and {@code (a or b)}. Used for messages only.
 */
public final class RelationText {
    private RelationText() {
    }

    public static String of(PackageFormat format, Requirement r) {
        return format == PackageFormat.DEB ? deb(r) : rpm(r);
    }

    private static String deb(Requirement r) {
        if (r instanceof Requirement.Atom a) {
            String n = a.archQualifier() == null ? a.name() : a.name() + ":" + a.archQualifier();
            return a.constraint() == null ? n
                    : n + " (" + a.constraint().op().debianSymbol() + " " + a.constraint().version() + ")";
        }
        if (r instanceof Requirement.AnyOf any) {
            List<String> parts = new ArrayList<>();
            any.alternatives().forEach(p -> parts.add(deb(p)));
            return String.join(" | ", parts);
        }
        return rpm(r);
    }

    private static String rpm(Requirement r) {
        String s;
        if (r instanceof Requirement.Atom a) {
            return a.constraint() == null ? a.name() : a.name() + " " + a.constraint();
        } else if (r instanceof Requirement.AnyOf any) {
            s = join(any.alternatives(), " or ");
        } else if (r instanceof Requirement.AllOf all) {
            s = join(all.operands(), " and ");
        } else if (r instanceof Requirement.With w) {
            s = join(w.operands(), " with ");
        } else if (r instanceof Requirement.Without w) {
            s = rpm(w.base()) + " without " + rpm(w.excluded());
        } else if (r instanceof Requirement.If i) {
            s = rpm(i.then()) + " if " + rpm(i.condition())
                    + (i.otherwise() == null ? "" : " else " + rpm(i.otherwise()));
        } else if (r instanceof Requirement.Unless u) {
            s = rpm(u.then()) + " unless " + rpm(u.condition())
                    + (u.otherwise() == null ? "" : " else " + rpm(u.otherwise()));
        } else {
            throw new IllegalArgumentException("unknown requirement " + r);
        }
        return "(" + s + ")";
    }

    private static String join(List<Requirement> parts, String op) {
        List<String> out = new ArrayList<>();
        parts.forEach(p -> out.add(rpm(p)));
        return String.join(op, out);
    }
}
