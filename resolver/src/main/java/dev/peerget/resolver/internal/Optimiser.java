package dev.peerget.resolver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lexicographic minimisation by iterated bound tightening: for each level in turn, starting from the best model
 * so far, ask for a model whose level value is at most a bound: first 0 when the level expects to reach it
 * ({@link Objectives.Level#aimAtZero()}), then 1, 2, 4, … times its smallest weight below the current value
 * (the first model, found near the installed system, is usually close to optimal, and probes far below the
 * optimum are the expensive unsatisfiable ones), then by bisection once a probe fails. The optimum of a level is then
 * fixed by a guarded bound before the next level is minimised. Each call honours the problem's deadline.
 *
 * <p>A single probe may spend {@link Effort#probeConflicts()} conflicts; when they run out during the descent, it
 * restarts one step below the value reached (at most {@link Effort#retries()} times, and not on levels aiming at
 * zero), otherwise that level keeps the
 * value reached (possibly one above its optimum) and the next levels are still minimised. The budget counts
 * conflicts, not time, so a plan does not depend on the machine's speed or load. When the deadline passes, the
 * best model found so far is returned, marked not optimal: it satisfies every hard constraint, it is merely
 * not the smallest plan. Probe bounds are retired once tried. Stateless.
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

    /**
     * How hard a descent tries.
     *
     * @param probeConflicts conflicts a probe may spend
     * @param retries        times a galloping descent that ran out of budget restarts with the smallest step
     */
    public record Effort(int probeConflicts, int retries) {
        /**
         * The hard pass. Proving that a bound just below the optimum is unsatisfiable is the expensive step; on
         * bookworm's largest targets such proofs need from a few to a few thousand conflicts, at up to a
         * millisecond each (every conflict through a bound walks its hundreds of literals).
         */
        public static final Effort PROVE = new Effort(200, 2);
        /**
         * Trimming at the end of a pass, where apt does not minimise at all (the versions of new packages, see
         * {@link Sweep#trim}): satisfiable probes are cheap and take most of the gain, a proof near the optimum
         * costs more than the rest of the resolve.
         */
        public static final Effort TRIM = new Effort(50, 0);
    }

    private Optimiser() {
    }

    public static Result minimise(SatProblem sat, List<Objectives.Level> levels, List<Integer> base,
                                  Set<Integer> model) {
        return minimise(sat, levels, base, model, Effort.PROVE);
    }

    public static Result minimise(SatProblem sat, List<Objectives.Level> levels, List<Integer> base,
                                  Set<Integer> model, Effort effort) {
        List<Integer> assumptions = new ArrayList<>(base);
        Set<Integer> best = model;
        for (Objectives.Level level : levels) {
            if (level.lits().isEmpty()) {
                continue;
            }
            long value = level.value(best);
            long low = 0;
            long unit = level.weights().stream().mapToLong(Long::longValue).min().orElse(1);
            long step = unit;
            int retries = effort.retries();
            boolean galloping = true;
            boolean aim = level.aimAtZero();
            while (low < value) {
                long bound = aim ? 0 : galloping ? Math.max(low, value - step) : low + (value - low) / 2;
                aim = false;
                int s = sat.atMost(level.lits(), level.weights(), bound);
                List<Integer> trial = new ArrayList<>(assumptions);
                trial.add(s);
                SatProblem.Outcome outcome = sat.solveWithin(trial, effort.probeConflicts());
                sat.retire(s); // tried once: a tighter bound or the final one replaces it
                if (outcome instanceof SatProblem.Outcome.Sat found) {
                    best = found.trueVars();
                    value = level.value(best);
                    step *= 2;
                } else if (outcome instanceof SatProblem.Outcome.Unsat) {
                    low = bound + 1;
                    galloping = bound == 0; // a failed aim at zero says nothing about how far the optimum is
                } else if (outcome instanceof SatProblem.Outcome.Undecided) {
                    // Not for levels aiming at zero (weak dependencies): meeting more recommendations there
                    // than the budget found drags in packages the later levels then cannot trim.
                    if (galloping && !level.aimAtZero() && step > unit && retries-- > 0) {
                        step = unit; // overshot into hard territory: a bound just below the value is often easy
                        continue;
                    }
                    break; // this level stays at the value reached; the next levels still get a go
                } else {
                    return new Result(best, assumptions, false);
                }
            }
            assumptions.add(sat.atMost(level.lits(), level.weights(), value));
        }
        return new Result(best, assumptions, true);
    }
}
