package dev.peerget.resolver;

import dev.peerget.resolver.internal.Autoremover;
import dev.peerget.resolver.internal.CandidateVars;
import dev.peerget.resolver.internal.Encoder;
import dev.peerget.resolver.internal.Explainer;
import dev.peerget.resolver.internal.InstallOnlyLimit;
import dev.peerget.resolver.internal.JobScope;
import dev.peerget.resolver.internal.Objectives;
import dev.peerget.resolver.internal.Optimiser;
import dev.peerget.resolver.internal.PlanBuilder;
import dev.peerget.resolver.internal.Ranking;
import dev.peerget.resolver.internal.SatProblem;
import dev.peerget.resolver.internal.Slice;
import dev.peerget.resolver.internal.Slicer;
import dev.peerget.resolver.internal.Sweep;
import dev.peerget.resolver.internal.WeakPass;
import java.util.List;
import java.util.Set;

/**
 * The Sat4j resolver, a pipeline in the manner of the Eclipse p2 director:
 * <ol>
 *   <li>slice: collect the candidates the jobs and the installed packages can reach ({@link Slicer}); weak
 *       dependencies are followed lazily, so once a plan is found the slice is extended by those of what it
 *       installs, and solved again, until it holds them all;</li>
 *   <li>encode: one variable per candidate, every constraint guarded and tagged with an {@link Explanation}
 *       ({@link Encoder});</li>
 *   <li>optimise lexicographically: fewest removals, best builds for what the jobs target, installed packages
 *       unchanged, best builds for new packages, fewest new packages ({@link Objectives}, {@link Optimiser});</li>
 *   <li>weak dependencies in a second pass that leaves installed packages as they are and keeps the first
 *       levels at their optimum ({@link WeakPass});</li>
 *   <li>autoremove by mark and sweep (without an autoremove job, what it finds is only reported as unneeded),
 *       then diff against the installed set ({@link PlanBuilder});</li>
 *   <li>over {@link Request#installOnlyLimit()}: once more without the oldest installonly versions
 *       ({@link InstallOnlyLimit}), keeping the first plan if that fails.</li>
 * </ol>
 * An unsatisfiable request yields minimal cores ordered from the job to the dead end ({@link Explainer}).
 *
 * <p>Timeouts: {@link Request#timeout()} bounds the whole call. If it expires before any plan is found the
 * result is {@link Resolution.TimedOut}; if it expires while optimising, the best plan found so far is
 * returned (it satisfies every hard constraint and job but may not be the smallest); if it expires in the weak
 * pass, the plan without the remaining weak dependencies is returned; while explaining, a possibly non-minimal
 * core is reported.
 *
 * <p>The problem is first encoded without the selectors that explanations need (they would be tens of
 * thousands of assumptions in every solver call); only an unsatisfiable request is encoded a second time with
 * them, for the {@link Explainer}.
 *
 * <p>Stateless and thread-safe: every call builds its own solver.
 */
public final class SatResolver implements Resolver {

    @Override
    public Resolution resolve(Universe universe, Request request) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        Slicer slicer = Slicer.lazy(universe, request);
        Slice slice = slicer.initial();
        Attempt fast = attempt(slice, request, deadline, false, Set.of());
        if (fast == null) {
            // Unsatisfiable: encode again, every constraint behind a selector, to find out why.
            return attempt(slice, request, deadline, true, Set.of()).resolution();
        }
        // The weak dependencies of what the plan installs may lie outside the slice (the slicer follows those
        // of the candidates a plan is likely to install): extend it and solve again until they are all inside.
        while (fast.resolution() instanceof Resolution.Solved) {
            Slice bigger = slicer.follow(fast.chosen());
            Attempt next = bigger == null ? null : attempt(bigger, request, deadline, false, Set.of());
            if (next == null || !(next.resolution() instanceof Resolution.Solved)) {
                break; // more candidates only add choices; should a timeout cut one short, the plan found stands
            }
            slice = bigger;
            fast = next;
        }
        Set<Candidate> retired = InstallOnlyLimit.excess(slice.rules(), fast.chosen(), request.installOnlyLimit());
        // Only a request with jobs retires versions: its removals are explained by its first job, and a request
        // without any (a repair of the installed set) changes nothing it does not have to.
        if (!retired.isEmpty() && !request.jobs().isEmpty()) {
            // Over installonly_limit: solve again without the oldest versions; if that fails, keep them.
            Attempt limited = attempt(slice, request, deadline, false, retired);
            if (limited != null && limited.resolution() instanceof Resolution.Solved) {
                return limited.resolution();
            }
        }
        return fast.resolution();
    }

    /** What one attempt found, with the candidates its plan keeps or installs (empty unless solved). */
    private record Attempt(Resolution resolution, Set<Candidate> chosen) { }

    /**
     * One encoding and solve, with the installed builds in {@code retired} removed; without {@code explaining},
     * null when the request is unsatisfiable.
     */
    private static Attempt attempt(Slice slice, Request request, long deadline, boolean explaining,
                                   Set<Candidate> retired) {
        SatProblem sat = new SatProblem(deadline, explaining);
        CandidateVars vars = new CandidateVars(slice, sat);
        JobScope scope = new JobScope(slice, request);
        Encoder encoder = new Encoder(slice, sat, vars, request, scope, retired);
        List<Integer> hard = encoder.encode();
        List<Objectives.Level> levels = Objectives.build(slice, sat, vars, scope, new Ranking(slice));
        SatProblem.Outcome first = sat.solve(hard);
        if (first instanceof SatProblem.Outcome.Unsat u) {
            return explaining ? new Attempt(new Resolution.Unsatisfiable(
                    Explainer.explain(sat, hard, u.failedAssumptions())), Set.of()) : null;
        }
        if (!(first instanceof SatProblem.Outcome.Sat s)) {
            return new Attempt(new Resolution.TimedOut(request.timeout()), Set.of());
        }
        Set<Integer> model = s.trueVars();
        Optimiser.Result head = Optimiser.minimise(sat, levels.subList(0, 3), hard, model);
        model = head.model();
        if (head.optimal() && request.installWeak()) {
            // The weak pass minimises the new-package levels itself, after the weak dependencies.
            model = WeakPass.run(slice, sat, vars, encoder.requirements(), scope, head.assumptions(),
                    Objectives.tail(levels), model);
        } else if (head.optimal()) {
            // As the weak pass ends: apt proves nothing optimal, and the proofs near the optimum of the new-package
            // levels cost more than the rest of the resolve (bookworm, task-gnome-desktop without recommends:
            // 60-75 ms); the new packages nothing needs are dropped instead.
            model = Sweep.trim(slice, sat, vars, scope, Objectives.tail(levels), head.assumptions(), model, false);
        }
        Set<Candidate> chosen = vars.chosen(model);
        // Nothing is unneeded unless something is marked automatic: no walk for a system without marks.
        Set<Candidate> unneeded = request.automatic().isEmpty() ? Set.of()
                : Autoremover.unneeded(slice, chosen, request, scope);
        if (scope.autoremove()) {
            chosen.removeAll(unneeded);
            unneeded = Set.of();
        } else if (request.cleanDependencies() && !unneeded.isEmpty()) {
            Set<Candidate> clean = Autoremover.dependenciesOfRemoved(slice, chosen, unneeded);
            chosen.removeAll(clean);
            unneeded = new java.util.LinkedHashSet<>(unneeded);
            unneeded.removeAll(clean);
        }
        return new Attempt(new Resolution.Solved(PlanBuilder.build(slice, chosen, request, scope, unneeded)), chosen);
    }
}
