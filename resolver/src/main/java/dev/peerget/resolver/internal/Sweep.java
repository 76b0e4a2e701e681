package dev.peerget.resolver.internal;

import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops from a solution the new packages nothing in it needs, as apt's plans never hold one: the last step of
 * the weak pass, where apt does not minimise at all and proving the fewest new packages with the solver cost more
 * than the rest of the pass (on bookworm's largest targets it removed at most one package, at 30-40 ms).
 *
 * <p>Marks from the roots: what is installed or replaces something installed (another build of its name, or an
 * rpm obsoleter of it), and what a job names. A marked package marks, for each of its hard relations and, with
 * weak dependencies, its Recommends, one chosen satisfier: one already marked if there is one, else the first;
 * for an rpm rich dependency other than a list of alternatives, every chosen satisfier of every name in it. A
 * chosen package whose Supplements a marked package satisfies is marked too. Every relation of a marked package
 * keeps a satisfier, and dropping packages breaks no negative relation, so the marked set is a solution whenever
 * the chosen set is one. Stateless.
 */
public final class Sweep {

    private Sweep() {
    }

    /**
     * The last step of a pass, in place of minimising its new-package levels ({@code tail}, see
     * {@link Objectives#tail}) with the solver: the versions of new packages trimmed ({@link Optimiser.Effort#TRIM})
     * when they are not all the best already, then the new packages nothing needs dropped from {@code model}.
     *
     * @param weak whether the plan meets weak dependencies (then a Recommends keeps its satisfier)
     */
    public static Set<Integer> trim(Slice slice, SatProblem sat, CandidateVars vars, JobScope scope,
                                    List<Objectives.Level> tail, List<Integer> assumptions, Set<Integer> model,
                                    boolean weak) {
        Set<Integer> trimmed = model;
        List<Objectives.Level> versions = tail.subList(0, tail.size() - 1);
        if (versions.stream().anyMatch(l -> l.value(model) > 0)) {
            trimmed = Optimiser.minimise(sat, versions, assumptions, model, Optimiser.Effort.TRIM).model();
        }
        Set<Integer> swept = new HashSet<>(trimmed);
        for (Candidate c : needless(slice, vars.chosen(trimmed), scope, weak)) {
            swept.remove(vars.var(c));
        }
        return swept;
    }

    /** The chosen new packages that no root needs, directly or through each other. */
    public static Set<Candidate> needless(Slice slice, Set<Candidate> chosen, JobScope scope, boolean weak) {
        Set<Candidate> marked = new HashSet<>();
        Deque<Candidate> queue = new ArrayDeque<>();
        for (Candidate c : chosen) {
            if (isRoot(slice, c, scope)) {
                marked.add(c);
                queue.add(c);
            }
        }
        Set<Candidate> supplementers = new LinkedHashSet<>();
        for (Candidate c : chosen) {
            if (!marked.contains(c) && !c.record().relations(RelationKind.SUPPLEMENTS).isEmpty()) {
                supplementers.add(c);
            }
        }
        while (true) {
            while (!queue.isEmpty()) {
                Candidate c = queue.poll();
                for (Relation r : c.record().relations()) {
                    RelationKind k = r.kind();
                    if (k.isHardRequirement() || (weak && k == RelationKind.RECOMMENDS)) {
                        mark(slice, c, r.requirement(), chosen, marked, queue);
                    }
                }
            }
            for (Candidate s : supplementers) {
                if (!marked.contains(s) && supplements(slice, s, marked)) {
                    marked.add(s);
                    queue.add(s);
                }
            }
            if (queue.isEmpty()) {
                break;
            }
        }
        Set<Candidate> out = new LinkedHashSet<>();
        for (Candidate c : chosen) {
            if (!marked.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean isRoot(Slice slice, Candidate c, JobScope scope) {
        if (c.installed() || scope.targeted(c.name())) {
            return true;
        }
        for (Candidate other : slice.named(c.name())) {
            if (other.installed()) {
                return true;
            }
        }
        for (Relation r : c.record().relations(RelationKind.OBSOLETES)) {
            for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                for (Candidate gone : slice.forbidden(c, RelationKind.OBSOLETES, a)) {
                    if (gone.installed()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void mark(Slice slice, Candidate c, Requirement requirement, Set<Candidate> chosen,
                             Set<Candidate> marked, Deque<Candidate> queue) {
        List<Requirement.Atom> atoms = Slice.atoms(requirement);
        boolean alternatives = requirement instanceof Requirement.Atom || requirement instanceof Requirement.AnyOf any
                && any.alternatives().stream().allMatch(Requirement.Atom.class::isInstance);
        if (!alternatives) {
            for (Requirement.Atom a : atoms) {
                for (Candidate p : slice.satisfiers(a, c)) {
                    if (chosen.contains(p) && marked.add(p)) {
                        queue.add(p);
                    }
                }
            }
            return;
        }
        Candidate first = null;
        for (Requirement.Atom a : atoms) {
            for (Candidate p : slice.satisfiers(a, c)) {
                if (marked.contains(p)) {
                    return; // already met by a marked package
                }
                if (first == null && chosen.contains(p)) {
                    first = p;
                }
            }
        }
        if (first != null) {
            marked.add(first);
            queue.add(first);
        }
    }

    private static boolean supplements(Slice slice, Candidate s, Set<Candidate> marked) {
        for (Relation r : s.record().relations(RelationKind.SUPPLEMENTS)) {
            for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                for (Candidate p : slice.satisfiers(a, s)) {
                    if (marked.contains(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
