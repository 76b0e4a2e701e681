package dev.peerget.resolver.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.sat4j.core.LiteralsUtils;
import org.sat4j.minisat.core.IPhaseSelectionStrategy;

/**
 * Sat4j phase selection that first tries "installed packages stay, nothing else gets installed" and then
 * remembers the last value of each variable (phase saving). The first model is then close to the current
 * system, and each optimisation step searches near the previous best, which keeps the bound-tightening calls
 * cheap. Sat4j's own strategies reset every phase to false at each call. Not thread-safe.
 */
final class PreferredPhase implements IPhaseSelectionStrategy {
    private static final long serialVersionUID = 1L;
    private final Set<Integer> positive = new HashSet<>();
    private int[] phase = new int[0];

    /** Prefer {@code var} true until the search says otherwise. */
    void preferTrue(int var) {
        positive.add(var);
    }

    @Override
    public void init(int nlength) {
        int old = phase.length;
        if (old >= nlength) {
            return; // keep saved phases between calls
        }
        phase = Arrays.copyOf(phase, nlength);
        for (int v = Math.max(1, old); v < nlength; v++) {
            phase[v] = positive.contains(v) ? LiteralsUtils.posLit(v) : LiteralsUtils.negLit(v);
        }
    }

    @Override
    public void init(int var, int p) {
        ensure(var);
        phase[var] = p;
    }

    @Override
    public void assignLiteral(int p) {
        int v = LiteralsUtils.var(p);
        ensure(v);
        phase[v] = p;
    }

    @Override
    public int select(int var) {
        ensure(var);
        return phase[var];
    }

    @Override
    public void updateVar(int p) {
        // phase saving happens on assignment
    }

    @Override
    public void updateVarAtDecisionLevel(int p) {
        // phase saving happens on assignment
    }

    private void ensure(int var) {
        if (var >= phase.length) {
            init(var + 1);
        }
    }
}
