package dev.peerget.resolver.internal;

import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.resolver.Candidate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Second pass for weak dependencies, after the hard solution: apt installs the Recommends of what it installs,
 * dnf also the packages whose Supplements match them (libsolv's reverse recommends). Enhances is libsolv's
 * reverse Suggests and, like Suggests, is never installed.
 *
 * <p>Each round takes the packages the previous round added (round one: those the hard pass installs or
 * changes), gives each of their weak relations a penalty literal {@code u} with {@code x ∧ ¬satisfied → u},
 * and minimises the unmet ones first, then the new-package levels, while every package already chosen stays
 * and every optimised hard level keeps its optimum: a weak dependency is only added when that breaks and
 * removes nothing. Recommends an upgraded package already had in its installed build are not revisited (apt
 * does the same, so a user's decision to remove one sticks). Rounds repeat for recommends of recommends.
 * Stateless.
 */
public final class WeakPass {
    private static final int MAX_ROUNDS = 10;

    private WeakPass() {
    }

    /** Returns the model after the weak pass; on timeout, the best model found so far. */
    public static Set<Integer> run(Slice slice, SatProblem sat, CandidateVars vars, RequirementEncoder re,
                                   List<Integer> fixed, List<Objectives.Level> tail, Set<Integer> model) {
        Set<Candidate> before = vars.chosen(model);
        Set<Candidate> fresh = new LinkedHashSet<>();
        for (Candidate c : before) {
            if (!c.installed()) {
                fresh.add(c);
            }
        }
        Set<Candidate> supplementersSeen = new HashSet<>();
        Set<Integer> current = model;
        for (int round = 0; round < MAX_ROUNDS && !fresh.isEmpty(); round++) {
            Objectives.Sum unmet = new Objectives.Sum();
            for (Candidate x : fresh) {
                for (Relation r : x.record().relations(RelationKind.RECOMMENDS)) {
                    if (!alreadyHad(slice, x, r)) {
                        int sat0 = re.literal(r.requirement(), a -> slice.satisfiers(a, x));
                        int u = sat.newVar();
                        sat.clause(0, -vars.var(x), sat0, u);
                        unmet.add(u, 1);
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
                        unmet.add(u, 1);
                    }
                }
            }
            Objectives.Level level = unmet.level("unmet weak dependencies");
            if (level.lits().isEmpty()) {
                break;
            }
            List<Integer> assumptions = new ArrayList<>(fixed);
            for (Candidate c : vars.all()) {
                if (before.contains(c)) {
                    assumptions.add(vars.var(c));
                } else if (c.installed()) {
                    assumptions.add(-vars.var(c)); // removed by the hard pass: stays removed
                }
            }
            if (!(sat.solve(assumptions) instanceof SatProblem.Outcome.Sat start)) {
                return current; // timeout: the hard plan stands
            }
            List<Objectives.Level> levels = new ArrayList<>();
            levels.add(level);
            levels.addAll(tail);
            Optimiser.Result result = Optimiser.minimise(sat, levels, assumptions, start.trueVars());
            current = result.model();
            Set<Candidate> after = vars.chosen(current);
            fresh = new LinkedHashSet<>(after);
            fresh.removeAll(before);
            before = after;
            if (!result.optimal()) {
                break;
            }
        }
        return current;
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
