package dev.peerget.resolver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lexicographic minimisation by iterated bound tightening: for each level in turn, starting from the best model
 * so far, ask for a model whose level value is at most a bound: first 1, 2, 4, … below the current value
 * (the first model, found near the installed system, is usually close to optimal, and probes far below the
 * optimum are the expensive unsatisfiable ones), then by bisection once a probe fails. The optimum of a level is then
 * fixed by a guarded bound before the next level is minimised. Each call honours the problem's deadline.
 *
 * <p>A single probe may use a third of the remaining time; when it runs out, that level keeps the value reached
 * and the next levels are still minimised. When the deadline passes, the best model found so far is returned.
 * Either way the result is marked not optimal: it satisfies every hard constraint, it is merely not the
 * smallest plan. Stateless.
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

    /** A probe may use a third of the remaining time, but at least this much. */
    private static final long MIN_PROBE_MS = 200;

    private Optimiser() {
    }

    public static Result minimise(SatProblem sat, List<Objectives.Level> levels, List<Integer> base,
                                  Set<Integer> model) {
        List<Integer> assumptions = new ArrayList<>(base);
        Set<Integer> best = model;
        boolean optimal = true;
        for (Objectives.Level level : levels) {
            if (level.lits().isEmpty()) {
                continue;
            }
            long value = level.value(best);
            long low = 0;
            long step = 1;
            boolean galloping = true;
            while (low < value) {
                long bound = galloping ? Math.max(low, value - step) : low + (value - low) / 2;
                int s = sat.atMost(level.lits(), level.weights(), bound);
                List<Integer> trial = new ArrayList<>(assumptions);
                trial.add(s);
                SatProblem.Outcome outcome = sat.solve(trial, Math.max(MIN_PROBE_MS, sat.remainingMs() / 3));
                if (outcome instanceof SatProblem.Outcome.Sat found) {
                    best = found.trueVars();
                    value = level.value(best);
                    step *= 2;
                } else if (outcome instanceof SatProblem.Outcome.Unsat) {
                    low = bound + 1;
                    galloping = false;
                } else if (sat.expired()) {
                    return new Result(best, assumptions, false);
                } else {
                    optimal = false; // this level stays at the value reached; the next levels still get a go
                    break;
                }
            }
            assumptions.add(sat.atMost(level.lits(), level.weights(), value));
        }
        return new Result(best, assumptions, optimal);
    }
}
