package dev.peerget.model;

import java.util.List;
import java.util.Objects;

/**
 * What a relation asks for. Debian relations are an {@link Atom} or an {@link AnyOf} of atoms
 * ({@code a | b}); RPM boolean ("rich") dependencies use the whole tree, with the semantics of
 * rpm's {@code and}, {@code or}, {@code if/else}, {@code unless/else}, {@code with} and {@code without}.
 */
public sealed interface Requirement {

    /**
     * Every atom in this requirement tree, depth first, including conditions and exclusions: the names it
     * mentions, for indexing and slicing (which atoms actually have to hold is the resolver's business).
     */
    default java.util.List<Atom> atoms() {
        java.util.List<Atom> out = new java.util.ArrayList<>();
        collectAtoms(this, out);
        return out;
    }

    private static void collectAtoms(Requirement r, java.util.List<Atom> out) {
        if (r instanceof Atom a) {
            out.add(a);
        } else if (r instanceof AnyOf x) {
            x.alternatives().forEach(o -> collectAtoms(o, out));
        } else if (r instanceof AllOf x) {
            x.operands().forEach(o -> collectAtoms(o, out));
        } else if (r instanceof With x) {
            x.operands().forEach(o -> collectAtoms(o, out));
        } else if (r instanceof Without x) {
            collectAtoms(x.base(), out);
            collectAtoms(x.excluded(), out);
        } else if (r instanceof If x) {
            collectAtoms(x.then(), out);
            collectAtoms(x.condition(), out);
            if (x.otherwise() != null) {
                collectAtoms(x.otherwise(), out);
            }
        } else if (r instanceof Unless x) {
            collectAtoms(x.then(), out);
            collectAtoms(x.condition(), out);
            if (x.otherwise() != null) {
                collectAtoms(x.otherwise(), out);
            }
        }
    }

    /**
     * A package or capability name with optional architecture qualifier and version bound.
     *
     * @param name        package, virtual package, capability or (RPM) absolute file path
     * @param archQualifier Debian {@code :any}, {@code :native} or an architecture name; null when absent
     * @param constraint  version bound, null when any version will do
     */
    record Atom(String name, String archQualifier, VersionConstraint constraint) implements Requirement {
        public Atom {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty name in requirement");
            }
        }

        public static Atom of(String name) {
            return new Atom(name, null, null);
        }

        // Written out for speed, with the record's own hash (see PackageId).
        @Override
        public boolean equals(Object o) {
            return o instanceof Atom a && name.equals(a.name) && Objects.equals(archQualifier, a.archQualifier)
                    && Objects.equals(constraint, a.constraint);
        }

        @Override
        public int hashCode() {
            return (name.hashCode() * 31 + Objects.hashCode(archQualifier)) * 31 + Objects.hashCode(constraint);
        }

        @Override
        public String toString() {
            String n = archQualifier == null ? name : name + ":" + archQualifier;
            return constraint == null ? n : n + " " + constraint;
        }
    }

    /** Satisfied when any alternative is (Debian {@code a | b}, RPM {@code (a or b)}). */
    record AnyOf(List<Requirement> alternatives) implements Requirement {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
            if (alternatives.size() < 2) {
                throw new IllegalArgumentException("AnyOf needs at least two alternatives");
            }
        }
    }

    /** Satisfied when every operand is (RPM {@code (a and b)}). */
    record AllOf(List<Requirement> operands) implements Requirement {
        public AllOf {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("AllOf needs at least two operands");
            }
        }
    }

    /**
     * RPM {@code (then if condition else otherwise)}: when {@code condition} is installed {@code then} is
     * required, otherwise {@code otherwise} (null means nothing is required).
     */
    record If(Requirement then, Requirement condition, Requirement otherwise) implements Requirement {
        public If {
            Objects.requireNonNull(then, "then");
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * RPM {@code (then unless condition else otherwise)}: when {@code condition} is not installed
     * {@code then} is required, otherwise {@code otherwise} (null means nothing is required).
     */
    record Unless(Requirement then, Requirement condition, Requirement otherwise) implements Requirement {
        public Unless {
            Objects.requireNonNull(then, "then");
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** RPM {@code (a with b)}: one and the same package must satisfy every operand. */
    record With(List<Requirement> operands) implements Requirement {
        public With {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("With needs at least two operands");
            }
        }
    }

    /** RPM {@code (a without b)}: a package satisfying {@code base} but not {@code excluded}. */
    record Without(Requirement base, Requirement excluded) implements Requirement {
        public Without {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(excluded, "excluded");
        }
    }
}
