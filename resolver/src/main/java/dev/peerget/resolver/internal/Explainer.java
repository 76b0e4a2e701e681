package dev.peerget.resolver.internal;

import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Explanation;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Explains an unsatisfiable request. Sat4j's failed assumptions give a core of tagged constraints; a
 * deletion-based pass (drop one constraint, keep the drop if the rest is still unsatisfiable, then shrink to
 * the new core) makes it minimal: every remaining constraint is needed for the clash. The core is then ordered
 * as a chain, breadth first from the user's jobs along "x can force in y" edges,
 * so it reads request → dependency → … → dead end. After one problem, its jobs are relaxed and the search
 * repeats, to report independent problems too (as libsolv does per job). Stateless.
 */
public final class Explainer {
    private static final int MAX_PROBLEMS = 5;

    private Explainer() {
    }

    public static List<Problem> explain(SatProblem sat, List<Integer> hard, List<Integer> failed) {
        List<Problem> problems = new ArrayList<>();
        List<Integer> active = new ArrayList<>(hard);
        List<Integer> core = failed;
        while (problems.size() < MAX_PROBLEMS) {
            List<Integer> mus = minimise(sat, active, core);
            problems.add(render(sat, mus));
            Set<Integer> jobs = new HashSet<>();
            for (int s : mus) {
                if (sat.tag(s).reasons().get(0) instanceof Explanation.Requested) {
                    jobs.add(s);
                }
            }
            if (jobs.isEmpty() || sat.expired()) {
                break;
            }
            active.removeAll(jobs);
            if (!(sat.solve(active) instanceof SatProblem.Outcome.Unsat again)) {
                break;
            }
            core = again.failedAssumptions();
        }
        return problems;
    }

    /** Deletion-based minimal unsatisfiable subset; returns a smaller but possibly non-minimal core on timeout. */
    static List<Integer> minimise(SatProblem sat, List<Integer> order, List<Integer> failed) {
        Set<Integer> in = new HashSet<>(failed);
        List<Integer> core = new ArrayList<>();
        for (int s : order) {
            if (in.contains(s)) {
                core.add(s);
            }
        }
        int i = 0;
        while (i < core.size()) {
            List<Integer> trial = new ArrayList<>(core);
            trial.remove(i);
            SatProblem.Outcome outcome = sat.solve(trial);
            if (outcome instanceof SatProblem.Outcome.Unsat u) {
                Set<Integer> still = new HashSet<>(u.failedAssumptions());
                core = trial.stream().filter(still::contains).toList();
            } else if (outcome instanceof SatProblem.Outcome.Sat) {
                i++;
            } else {
                return core;
            }
        }
        return core;
    }

    static Problem render(SatProblem sat, List<Integer> core) {
        List<Tag> tags = new ArrayList<>();
        for (int s : core) {
            tags.add(sat.tag(s));
        }
        List<Tag> ordered = chain(tags);
        List<Explanation> chain = new ArrayList<>();
        for (Tag t : ordered) {
            chain.addAll(t.reasons());
        }
        return new Problem(chain, hints(chain));
    }

    /**
     * Breadth-first order from the jobs along subject/target edges; what the jobs do not reach (held and
     * essential packages, installed packages' own dependencies) follows, as the constraints that block the way.
     */
    private static List<Tag> chain(List<Tag> tags) {
        List<Tag> out = new ArrayList<>();
        Set<Tag> done = new HashSet<>();
        Deque<Tag> queue = new ArrayDeque<>();
        for (Tag t : tags) {
            if (t.subjects().isEmpty() && t.reasons().get(0) instanceof Explanation.Requested) {
                queue.add(t);
                done.add(t);
            }
        }
        while (true) {
            while (!queue.isEmpty()) {
                Tag t = queue.poll();
                out.add(t);
                // Dependencies before clashes, so that the dead end comes last.
                for (boolean deadEnds : new boolean[] {false, true}) {
                    for (Tag u : tags) {
                        if (!done.contains(u) && isDeadEnd(u) == deadEnds && reaches(t, u)) {
                            done.add(u);
                            queue.add(u);
                        }
                    }
                }
            }
            Tag rest = tags.stream().filter(t -> !done.contains(t)).findFirst().orElse(null);
            if (rest == null) {
                return out;
            }
            done.add(rest);
            queue.add(rest);
        }
    }

    private static boolean reaches(Tag from, Tag to) {
        for (Candidate c : to.subjects()) {
            if (from.targets().contains(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDeadEnd(Tag t) {
        Explanation e = t.reasons().get(t.reasons().size() - 1);
        return !(e instanceof Explanation.Depends);
    }

    private static List<String> hints(List<Explanation> chain) {
        Set<String> hints = new LinkedHashSet<>();
        List<String> requested = chain.stream().filter(e -> e instanceof Explanation.Requested r
                && r.job() instanceof Job.Install).map(e -> ((Job.Install) ((Explanation.Requested) e).job()).name())
                .toList();
        for (Explanation e : chain) {
            if (e instanceof Explanation.MustStay m) {
                if (m.why().equals("held")) {
                    hints.add(m.installed().name() + " is held; release the hold to let it change");
                } else if (m.why().equals("essential")) {
                    hints.add(m.installed().name() + " is essential; remove it explicitly if you really mean to");
                } else {
                    hints.add("allow downgrades to replace " + m.installed());
                }
            } else if (e instanceof Explanation.Conflict c) {
                if (c.other().installed()) {
                    hints.add("remove " + c.other().name());
                } else if (c.who().installed()) {
                    hints.add("remove " + c.who().name());
                } else if (requested.size() > 1) {
                    hints.add(c.who().name() + " and " + c.other().name() + " cannot be installed together; leave out "
                            + "one of " + String.join(", ", requested));
                }
            } else if (e instanceof Explanation.Unsatisfiable u) {
                hints.add("no available package provides " + u.requirement() + "; check the configured repositories");
                if (u.who() != null && u.who().installed()) {
                    hints.add("remove " + u.who().name());
                }
            } else if (e instanceof Explanation.Requested r && r.job() instanceof Job.Upgrade up
                    && !up.allowChanges()) {
                hints.add("allow the upgrade to install or remove packages (full-upgrade, distro-sync)");
            } else if (e instanceof Explanation.SingleVersion s) {
                hints.add("only one version of " + s.a().name() + " can be installed at a time");
            }
        }
        return List.copyOf(hints);
    }
}
