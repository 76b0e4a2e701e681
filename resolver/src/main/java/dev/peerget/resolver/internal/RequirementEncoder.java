package dev.peerget.resolver.internal;

import dev.peerget.model.FormatRules;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a requirement tree into solver literals. Flat requirements (an atom, alternatives of atoms, rpm's
 * {@code with}/{@code without}, which one package must satisfy) become a plain disjunction of candidates;
 * richer trees get a Tseitin literal {@code L ↔ satisfied(requirement)} whose defining clauses are untagged
 * (definitions cannot clash, only the constraint using {@code L} carries an explanation).
 *
 * <p>Semantics follow rpm's boolean dependencies: {@code (A if C else E)} requires A when C is installed and E
 * otherwise; {@code unless} swaps the branches; {@code with} needs one package satisfying every operand.
 * Not thread-safe.
 */
public final class RequirementEncoder {

    /** A flat requirement: satisfied trivially ({@code always}), or when one of {@code candidates} is chosen. */
    public record Flat(boolean always, Set<Candidate> candidates) { }

    private final SatProblem sat;
    private final CandidateVars vars;
    private final FormatRules rules;

    public RequirementEncoder(SatProblem sat, CandidateVars vars, FormatRules rules) {
        this.sat = sat;
        this.vars = vars;
        this.rules = rules;
    }

    /** The flat form of {@code r}, or null when it needs a Tseitin literal. */
    public Flat flat(Requirement r, Function<Requirement.Atom, Set<Candidate>> matcher) {
        if (r instanceof Requirement.Atom a) {
            return rules.isBuiltIn(a) ? new Flat(true, Set.of()) : new Flat(false, matcher.apply(a));
        }
        if (r instanceof Requirement.AnyOf any) {
            Set<Candidate> all = new LinkedHashSet<>();
            for (Requirement alt : any.alternatives()) {
                Flat f = flat(alt, matcher);
                if (f == null) {
                    return null;
                }
                if (f.always()) {
                    return f;
                }
                all.addAll(f.candidates());
            }
            return new Flat(false, all);
        }
        if (r instanceof Requirement.With || r instanceof Requirement.Without) {
            return new Flat(false, singly(r, matcher));
        }
        return null;
    }

    /** A literal equivalent to "{@code r} is satisfied by the chosen candidates". */
    public int literal(Requirement r, Function<Requirement.Atom, Set<Candidate>> matcher) {
        Flat f = flat(r, matcher);
        if (f != null) {
            return f.always() ? sat.trueLit() : or(lits(f.candidates()));
        }
        if (r instanceof Requirement.AllOf all) {
            return and(sub(all.operands(), matcher));
        }
        if (r instanceof Requirement.AnyOf any) {
            return or(sub(any.alternatives(), matcher));
        }
        if (r instanceof Requirement.If i) {
            return ite(literal(i.condition(), matcher), literal(i.then(), matcher),
                    i.otherwise() == null ? sat.trueLit() : literal(i.otherwise(), matcher));
        }
        if (r instanceof Requirement.Unless u) {
            return ite(literal(u.condition(), matcher),
                    u.otherwise() == null ? sat.trueLit() : literal(u.otherwise(), matcher),
                    literal(u.then(), matcher));
        }
        throw new IllegalStateException("flat requirement not handled: " + r);
    }

    /** Every candidate that could help satisfy {@code r} (for ordering explanations). */
    public Set<Candidate> mentioned(Requirement r, Function<Requirement.Atom, Set<Candidate>> matcher) {
        Set<Candidate> out = new LinkedHashSet<>();
        for (Requirement.Atom a : Slice.atoms(r)) {
            out.addAll(matcher.apply(a));
        }
        return out;
    }

    /** Candidates that on their own satisfy {@code r} (rpm's single-package semantics of with/without). */
    private Set<Candidate> singly(Requirement r, Function<Requirement.Atom, Set<Candidate>> matcher) {
        Set<Candidate> out = new LinkedHashSet<>();
        for (Candidate c : mentioned(r, matcher)) {
            if (satisfiedBy(c, r, matcher)) {
                out.add(c);
            }
        }
        return out;
    }

    private boolean satisfiedBy(Candidate c, Requirement r, Function<Requirement.Atom, Set<Candidate>> m) {
        if (r instanceof Requirement.Atom a) {
            return m.apply(a).contains(c);
        } else if (r instanceof Requirement.AnyOf any) {
            return any.alternatives().stream().anyMatch(x -> satisfiedBy(c, x, m));
        } else if (r instanceof Requirement.AllOf all) {
            return all.operands().stream().allMatch(x -> satisfiedBy(c, x, m));
        } else if (r instanceof Requirement.With w) {
            return w.operands().stream().allMatch(x -> satisfiedBy(c, x, m));
        } else if (r instanceof Requirement.Without w) {
            return satisfiedBy(c, w.base(), m) && !satisfiedBy(c, w.excluded(), m);
        } else if (r instanceof Requirement.If i) {
            return satisfiedBy(c, i.condition(), m) ? satisfiedBy(c, i.then(), m)
                    : i.otherwise() == null || satisfiedBy(c, i.otherwise(), m);
        } else {
            Requirement.Unless u = (Requirement.Unless) r;
            return !satisfiedBy(c, u.condition(), m) ? satisfiedBy(c, u.then(), m)
                    : u.otherwise() == null || satisfiedBy(c, u.otherwise(), m);
        }
    }

    private List<Integer> sub(List<Requirement> rs, Function<Requirement.Atom, Set<Candidate>> matcher) {
        List<Integer> out = new ArrayList<>();
        for (Requirement r : rs) {
            out.add(literal(r, matcher));
        }
        return out;
    }

    public List<Integer> lits(Set<Candidate> cs) {
        List<Integer> out = new ArrayList<>();
        for (Candidate c : cs) {
            out.add(vars.var(c));
        }
        return out;
    }

    /** L ↔ OR(lits). */
    private int or(List<Integer> lits) {
        if (lits.size() == 1) {
            return lits.get(0);
        }
        int l = sat.newVar();
        List<Integer> def = new ArrayList<>(lits);
        def.add(-l);
        sat.clause(0, def);
        for (int x : lits) {
            sat.clause(0, -x, l);
        }
        return l;
    }

    /** L ↔ AND(lits). */
    private int and(List<Integer> lits) {
        int l = sat.newVar();
        List<Integer> def = new ArrayList<>();
        def.add(l);
        for (int x : lits) {
            sat.clause(0, -l, x);
            def.add(-x);
        }
        sat.clause(0, def);
        return l;
    }

    /** L ↔ (c ? t : e). */
    private int ite(int c, int t, int e) {
        int l = sat.newVar();
        sat.clause(0, -l, -c, t);
        sat.clause(0, -l, c, e);
        sat.clause(0, l, -c, -t);
        sat.clause(0, l, c, -e);
        return l;
    }
}
