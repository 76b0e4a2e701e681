package dev.peerget.resolver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lexicographic minimisation by iterated bound tightening: for each level in turn, starting from the best model
 * so far, ask for a model whose level value is at most a bound, first one below the current value (often
 * already optimal, so one unsatisfiable call settles it), then by bisection. The optimum of a level is then
 * fixed by a guarded bound before the next level is minimised. Each call honours the problem's deadline.
 *
 * <p>On timeout the best model found so far is returned, marked not optimal: it satisfies every hard
 * constraint, it is merely not the smallest plan. Stateless.
 */
public final class Optimiser {

    /**
     * @param model       the best model
     * @param assumptions the assumptions that keep the levels at their optimum (base plus bound selectors)
     * @param optimal     false when the deadline cut the search short
     */
    public record Result(Set<Integer> model, List<Integer> assumptions, boolean optimal) {
        public Result {
            model = Set.copyOf(model);
            assumptions = List.copyOf(assumptions);
        }
    }

    private Optimiser() {
    }

    public static Result minimise(SatProblem sat, List<Objectives.Level> levels, List<Integer> base,
                                  Set<Integer> model) {
        List<Integer> assumptions = new ArrayList<>(base);
        Set<Integer> best = model;
        for (Objectives.Level level : levels) {
            if (level.lits().isEmpty()) {
                continue;
            }
            long value = level.value(best);
            long low = 0;
            boolean first = true;
            while (low < value) {
                long bound = first ? value - 1 : low + (value - low) / 2;
                first = false;
                int s = sat.atMost(level.lits(), level.weights(), bound);
                List<Integer> trial = new ArrayList<>(assumptions);
                trial.add(s);
                SatProblem.Outcome outcome = sat.solve(trial);
                if (outcome instanceof SatProblem.Outcome.Sat found) {
                    best = found.trueVars();
                    value = level.value(best);
                } else if (outcome instanceof SatProblem.Outcome.Unsat) {
                    low = bound + 1;
                } else {
                    return new Result(best, assumptions, false);
                }
            }
            assumptions.add(sat.atMost(level.lits(), level.weights(), value));
        }
        return new Result(best, assumptions, true);
    }
}
