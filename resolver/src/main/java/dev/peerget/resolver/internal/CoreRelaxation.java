package dev.peerget.resolver.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meets as many weak dependencies as it can the way apt does, greedily and without proving an optimum: every
 * penalty literal of a level is assumed false (every recommendation met); while the solver answers that this is
 * impossible, its failed assumptions name recommendations that cannot all be met together (a core), and the
 * lightest of them (the deepest; among equals the one created last) is given up. One solver call per
 * recommendation given up, each usually settled by propagation alone, instead of a descent of bounds over a
 * weighted sum of thousands of literals. Stateless.
 */
final class CoreRelaxation {

    /**
     * @param kept  the assumptions that keep the recommendations met (negated penalty literals)
     * @param model a model meeting them
     */
    record Result(List<Integer> kept, Set<Integer> model) {
        Result {
            kept = List.copyOf(kept);
            model = Set.copyOf(model);
        }
    }

    private CoreRelaxation() {
    }

    /**
     * Relaxes {@code level} (penalty literals, positive) under {@code base}; null when a call ran out of its
     * conflict budget or the deadline, or when the solver named no penalty literal of a failure (the caller then
     * optimises the level by bounds instead).
     */
    static Result relax(SatProblem sat, List<Integer> base, Objectives.Level level) {
        Map<Integer, Long> weight = new HashMap<>();
        Map<Integer, Integer> order = new HashMap<>();
        Map<Integer, Boolean> assumed = new LinkedHashMap<>();
        for (int i = 0; i < level.lits().size(); i++) {
            int u = level.lits().get(i);
            weight.merge(u, level.weights().get(i), Long::sum);
            order.putIfAbsent(u, i);
            assumed.put(u, true);
        }
        while (true) {
            List<Integer> trial = new ArrayList<>(base);
            List<Integer> kept = new ArrayList<>();
            assumed.forEach((u, on) -> {
                if (on) {
                    kept.add(-u);
                }
            });
            trial.addAll(kept);
            SatProblem.Outcome outcome = sat.solveWithin(trial, Optimiser.Effort.PROVE.probeConflicts());
            if (outcome instanceof SatProblem.Outcome.Sat s) {
                return new Result(kept, s.trueVars());
            }
            if (!(outcome instanceof SatProblem.Outcome.Unsat unsat)) {
                return null;
            }
            Integer lightest = null;
            for (int v : new HashSet<>(unsat.failedAssumptions())) {
                if (assumed.getOrDefault(v, false) && (lightest == null || lighter(v, lightest, weight, order))) {
                    lightest = v;
                }
            }
            if (lightest == null) {
                return null;
            }
            assumed.put(lightest, false);
        }
    }

    private static boolean lighter(int a, int b, Map<Integer, Long> weight, Map<Integer, Integer> order) {
        int byWeight = Long.compare(weight.get(a), weight.get(b));
        return byWeight < 0 || byWeight == 0 && order.get(a) > order.get(b);
    }
}
