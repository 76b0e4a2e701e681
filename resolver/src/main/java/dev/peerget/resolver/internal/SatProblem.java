package dev.peerget.resolver.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.sat4j.core.Vec;
import org.sat4j.core.VecInt;
import org.sat4j.pb.IPBSolver;
import org.sat4j.pb.SolverFactory;
import org.sat4j.pb.core.PBSolver;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;

/**
 * A thin, explanation-aware wrapper around one Sat4j pseudo-boolean solver.
 *
 * <p>In explaining mode every tagged constraint is guarded by its own selector variable {@code s}: the clause
 * {@code C} is added as {@code ¬s ∨ C} and {@code s} is passed as an assumption. When the problem is
 * unsatisfiable Sat4j reports the failing assumptions, i.e. a set of tags, which the {@link Explainer} shrinks
 * to a minimal core. Without explaining mode tagged constraints are added as they are and no selector exists:
 * tens of thousands of assumptions made every solver call pay for assigning and propagating them one decision
 * level each, and plain clauses let Sat4j simplify at the root; the resolver solves that way first and encodes
 * again with selectors only when it must explain a failure. Bounds used by the optimiser are always guarded,
 * so they can be tried and abandoned without rebuilding the solver. All solving respects one deadline.
 *
 * <p>Invariants: variable 1.. are allocated through {@link #newVar()}; {@link #TRUE} is a variable forced true.
 * Not thread-safe; one instance per resolution.
 */
public final class SatProblem {

    /** Outcome of one solver call. */
    public sealed interface Outcome {
        record Sat(Set<Integer> trueVars) implements Outcome { }

        record Unsat(List<Integer> failedAssumptions) implements Outcome { }

        record Timeout() implements Outcome { }

        /** The call spent its conflict budget without an answer. */
        record Undecided() implements Outcome { }
    }

    /** Clauses up to this length are checked for duplicates by scanning them; longer ones through a set. */
    private static final int SHORT_CLAUSE = 16;

    private final IPBSolver solver;
    private final PreferredPhase phases = new PreferredPhase();
    private final long deadlineNanos;
    private final Map<Integer, Tag> tags = new LinkedHashMap<>();
    private final int trueVar;
    private final boolean explaining;
    /** An unguarded clause contradicted the others: the problem is unsatisfiable whatever is assumed. */
    private boolean contradicted;

    /**
     * @param explaining guard tagged constraints by selectors, so that failures can be explained
     */
    public SatProblem(long deadlineNanos, boolean explaining) {
        this.deadlineNanos = deadlineNanos;
        this.explaining = explaining;
        PBSolver pb = SolverFactory.newDefault();
        pb.getOrder().setPhaseSelectionStrategy(phases);
        this.solver = pb;
        this.trueVar = newVar();
        addRaw(new VecInt(new int[] {trueVar}));
    }

    /** Let the search try {@code var} true first (installed packages). */
    public void preferTrue(int var) {
        phases.preferTrue(var);
    }

    /** A literal that is always true. */
    public int trueLit() {
        return trueVar;
    }

    public int newVar() {
        return solver.nextFreeVarId(true);
    }

    /** The tag of a selector variable, or null. */
    public Tag tag(int selector) {
        return tags.get(selector);
    }

    /** Every selector, in creation order. */
    public List<Integer> selectors() {
        return new ArrayList<>(tags.keySet());
    }

    /**
     * A new selector for the tag; constraints added with it hold only while it is assumed true. Without
     * explaining mode, 0: the constraints then always hold (and the tag is never built).
     */
    public int selector(Supplier<Tag> tag) {
        if (!explaining) {
            return 0;
        }
        int s = newVar();
        tags.put(s, tag.get());
        return s;
    }

    /** Adds {@code ¬selector ∨ lits} (or just {@code lits} when {@code selector} is 0). */
    public void clause(int selector, Collection<Integer> lits) {
        int[] array = new int[lits.size()];
        int i = 0;
        for (int l : lits) {
            array[i++] = l;
        }
        clause(selector, array);
    }

    /**
     * As {@link #clause(int, Collection)}; duplicates are dropped (the first occurrence keeps its place) and a
     * tautology is not added. Works on ints: the encoding adds tens of thousands of clauses.
     */
    public void clause(int selector, int... lits) {
        VecInt clause = new VecInt(lits.length + 1);
        Set<Integer> seen = lits.length > SHORT_CLAUSE ? new HashSet<>() : null;
        if (selector != 0) {
            clause.push(-selector);
            if (seen != null) {
                seen.add(-selector);
            }
        }
        for (int l : lits) {
            if (l == trueVar || (seen != null ? seen.contains(-l) : contains(clause, -l))) {
                return; // tautology: satisfied whatever happens
            }
            if (l != -trueVar && (seen != null ? seen.add(l) : !contains(clause, l))) {
                clause.push(l);
            }
        }
        addRaw(clause);
    }

    private static boolean contains(VecInt clause, int lit) {
        for (int i = 0; i < clause.size(); i++) {
            if (clause.get(i) == lit) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds {@code selector → Σ weights[i]·lits[i] ≤ bound} and returns the new selector. Encoded as
     * {@code Σ w·l + M·s ≤ bound + M} with {@code M = Σ w}, which is trivially true when {@code s} is false.
     */
    public int atMost(List<Integer> lits, List<Long> weights, long bound) {
        int s = newVar();
        long total = 0;
        VecInt vl = new VecInt();
        Vec<BigInteger> vw = new Vec<>();
        for (int i = 0; i < lits.size(); i++) {
            vl.push(lits.get(i));
            vw.push(BigInteger.valueOf(weights.get(i)));
            total += weights.get(i);
        }
        vl.push(s);
        vw.push(BigInteger.valueOf(total));
        try {
            solver.addPseudoBoolean(vl, vw, false, BigInteger.valueOf(bound + total));
        } catch (ContradictionException e) {
            // Only possible if the bound is negative; the selector then simply cannot be assumed.
            clause(0, -s);
        }
        return s;
    }

    /** Switches a bound off for good (its selector will not be assumed again), so Sat4j can drop it. */
    public void retire(int boundSelector) {
        clause(0, -boundSelector);
    }

    /** Solves under {@code assumptions} before the deadline. */
    public Outcome solve(Collection<Integer> assumptions) {
        return solve(assumptions, Long.MAX_VALUE);
    }

    /**
     * Solves under {@code assumptions} with at most {@code maxConflicts} conflicts, started only before the
     * deadline. A conflict budget, unlike a time budget, gives the same answer on a fast and on a loaded machine;
     * such a call can overrun the deadline by the time its budget takes.
     */
    public Outcome solveWithin(Collection<Integer> assumptions, int maxConflicts) {
        if (remainingMs() <= 0) {
            return new Outcome.Timeout();
        }
        solver.setTimeoutOnConflicts(maxConflicts);
        Outcome o = run(assumptions);
        return o instanceof Outcome.Timeout ? new Outcome.Undecided() : o;
    }

    /** Solves under {@code assumptions} within {@code budgetMs} and before the deadline. */
    public Outcome solve(Collection<Integer> assumptions, long budgetMs) {
        long remainingMs = Math.min(budgetMs, (deadlineNanos - System.nanoTime()) / 1_000_000);
        if (remainingMs <= 0) {
            return new Outcome.Timeout();
        }
        solver.setTimeoutMs(remainingMs);
        return run(assumptions);
    }

    private Outcome run(Collection<Integer> assumptions) {
        if (contradicted) {
            return new Outcome.Unsat(List.of());
        }
        IVecInt assumps = new VecInt();
        for (int a : assumptions) {
            assumps.push(a);
        }
        try {
            if (solver.isSatisfiable(assumps)) {
                Set<Integer> trueVars = new java.util.HashSet<>();
                for (int lit : solver.model()) {
                    if (lit > 0) {
                        trueVars.add(lit);
                    }
                }
                return new Outcome.Sat(trueVars);
            }
            IVecInt expl = solver.unsatExplanation();
            List<Integer> failed = new ArrayList<>();
            if (expl != null) {
                for (int i = 0; i < expl.size(); i++) {
                    failed.add(Math.abs(expl.get(i)));
                }
            } else {
                for (int a : assumptions) {
                    failed.add(Math.abs(a));
                }
            }
            return new Outcome.Unsat(failed);
        } catch (TimeoutException e) {
            return new Outcome.Timeout();
        }
    }

    public long remainingMs() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    public boolean expired() {
        return System.nanoTime() >= deadlineNanos;
    }

    private void addRaw(VecInt v) {
        try {
            solver.addClause(v);
        } catch (ContradictionException e) {
            if (!explaining) {
                contradicted = true; // tagged constraints are unguarded: the resolver will encode again to explain
                return;
            }
            // An untagged clause contradicting the others: only definitional clauses are untagged, and they
            // cannot contradict; reaching this is a bug in the encoding.
            throw new IllegalStateException("contradictory untagged clause " + v, e);
        }
    }
}
