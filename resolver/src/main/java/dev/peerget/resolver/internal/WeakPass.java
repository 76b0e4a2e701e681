package dev.peerget.resolver.internal;

import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.resolver.Candidate;
import dev.peerget.model.Requirement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Second pass for weak dependencies, after the hard solution: apt installs the Recommends of what it installs,
 * and the Recommends of those, dnf also the packages whose Supplements match them (libsolv's reverse
 * recommends). Enhances is libsolv's reverse Suggests and, like Suggests, is never installed.
 *
 * <p>One solver pass for all depths: every weak relation of a package the plan may install gets a penalty
 * literal {@code u} with {@code x ∧ ¬satisfied → u}, weighted by its depth (packages the hard pass installs are
 * depth 0, what their recommends bring in depth 1, …) so that a recommendation closer to the request counts
 * more than all it drags in: a package is recommended in even when its own recommendations cannot be met,
 * as apt does. The recommendations are met first, greedily like apt ({@link CoreRelaxation}: all of them, and
 * while that is impossible the deepest of those in conflict is given up; the unmet weight is minimised by bounds
 * only when a relaxation step runs out of budget), then the versions of new packages are trimmed and the new
 * packages nothing needs dropped ({@link Sweep#trim}), while the installed packages
 * stay as the hard pass left them and every optimised hard level keeps its optimum: a weak dependency is only
 * added when that breaks and removes nothing. The hard pass's new packages are not fixed: fewest packages
 * there may mean an alternative that rules recommendations out (libelogind0 for libsystemd0 keeps systemd's
 * recommenders unmet), and the pass may exchange it; on bookworm this meets every recommendation apt meets. Weighing all depths at once (instead of one round per depth) lets the choice
 * among a recommendation's alternatives see what each would drag in, and costs one optimisation instead of
 * one per round. Recommends an upgraded package already had in its installed build are not revisited (apt does
 * the same, so a user's decision to remove one sticks). Stateless.
 */
public final class WeakPass {
    /** Recommendations deeper than this are not followed. */
    private static final int MAX_DEPTH = 10;

    private WeakPass() {
    }

    /**
     * Returns the model after the weak pass, its new-package levels ({@code tail}) minimised; on timeout, the best
     * model found so far.
     *
     * @param fixed assumptions that keep the hard pass's optimised levels at their optimum
     * @param model a model at that optimum, whose new-package levels need not be minimised yet: the pass
     *              minimises them afterwards, and proving the hard pass's own minimum first would be wasted
     */
    public static Set<Integer> run(Slice slice, SatProblem sat, CandidateVars vars, RequirementEncoder re,
                                   JobScope scope, List<Integer> fixed, List<Objectives.Level> tail,
                                   Set<Integer> model) {
        Set<Candidate> before = vars.chosen(model);
        Map<Candidate, Integer> depth = depths(slice, before);
        Objectives.Sum unmet = new Objectives.Sum();
        Set<Candidate> supplementersSeen = new HashSet<>();
        for (Map.Entry<Candidate, Integer> e : depth.entrySet()) {
            Candidate x = e.getKey();
            long weight = 1L << (MAX_DEPTH - e.getValue());
            for (Relation r : x.record().relations(RelationKind.RECOMMENDS)) {
                if (!alreadyHad(slice, x, r)) {
                    int sat0 = re.literal(r.requirement(), a -> slice.satisfiers(a, x));
                    int u = sat.newVar();
                    sat.clause(0, -vars.var(x), sat0, u);
                    unmet.add(u, weight);
                }
            }
            for (Candidate s : supplementers(slice, x)) {
                if (!supplementersSeen.add(s) || before.contains(s)) {
                    continue;
                }
                for (Relation r : s.record().relations(RelationKind.SUPPLEMENTS)) {
                    int cond = re.literal(r.requirement(), a -> slice.satisfiers(a, s));
                    int u = sat.newVar();
                    sat.clause(0, -cond, vars.var(s), u);
                    unmet.add(u, weight);
                }
            }
        }
        Objectives.Level level = unmet.levelAimingAtZero("unmet weak dependencies");
        if (level.lits().isEmpty()) {
            return Optimiser.minimise(sat, tail, fixed, model).model();
        }
        List<Integer> assumptions = new ArrayList<>(fixed);
        for (Candidate c : vars.all()) {
            if (c.installed()) {
                // installed packages stay as the hard pass left them (kept, or removed)
                assumptions.add(before.contains(c) ? vars.var(c) : -vars.var(c));
            }
        }
        CoreRelaxation.Result relaxed = CoreRelaxation.relax(sat, assumptions, level);
        if (relaxed != null) {
            assumptions.addAll(relaxed.kept());
            return Sweep.trim(slice, sat, vars, scope, tail, assumptions, relaxed.model(), true);
        }
        if (!(sat.solve(assumptions) instanceof SatProblem.Outcome.Sat start)) {
            return model; // timeout: the hard plan stands
        }
        List<Objectives.Level> levels = new ArrayList<>();
        levels.add(level);
        levels.addAll(tail);
        return Optimiser.minimise(sat, levels, assumptions, start.trueVars()).model();
    }

    /**
     * Depth of every package the plan may newly install: 0 for the hard plan's new packages, and one more for
     * each recommendation followed (hard dependencies keep the depth of their dependent), up to
     * {@link #MAX_DEPTH}. Breadth first, so each gets its smallest depth; in slice order, so deterministic.
     */
    private static Map<Candidate, Integer> depths(Slice slice, Set<Candidate> before) {
        Map<Candidate, Integer> depth = new LinkedHashMap<>();
        Deque<Candidate> queue = new ArrayDeque<>();
        for (Candidate c : before) {
            if (!c.installed()) {
                depth.put(c, 0);
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            Candidate x = queue.poll();
            int d = depth.get(x);
            for (Relation r : x.record().relations()) {
                int next = r.kind() == RelationKind.RECOMMENDS ? d + 1 : d;
                if (!(r.kind().isHardRequirement() || r.kind() == RelationKind.RECOMMENDS) || next > MAX_DEPTH) {
                    continue;
                }
                for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                    for (Candidate y : slice.satisfiers(a, x)) {
                        Integer old = depth.get(y);
                        if (!y.installed() && (old == null || old > next)) {
                            depth.put(y, next);
                            if (next == d) {
                                queue.addFirst(y); // 0-1 breadth first: same depth before deeper
                            } else {
                                queue.addLast(y);
                            }
                        }
                    }
                }
            }
        }
        return depth;
    }

    private static Set<Candidate> supplementers(Slice slice, Candidate x) {
        Set<Candidate> out = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        names.add(x.name());
        for (Provide p : x.record().provides()) {
            names.add(p.name());
        }
        for (String n : names) {
            for (Candidate s : slice.universe().supplementers(n)) {
                if (slice.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Whether an installed build of x's name already had this recommendation. */
    private static boolean alreadyHad(Slice slice, Candidate x, Relation r) {
        for (Candidate i : slice.named(x.name())) {
            if (i.installed() && i.record().relations(RelationKind.RECOMMENDS).stream()
                    .anyMatch(o -> o.text().equals(r.text()))) {
                return true;
            }
        }
        return false;
    }
}
