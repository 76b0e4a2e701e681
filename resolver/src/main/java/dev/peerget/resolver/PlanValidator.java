package dev.peerget.resolver;

import dev.peerget.model.FormatRules;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Checks a plan without any solver, by evaluating the rules directly on the package set the plan leaves behind:
 * every hard dependency satisfied (rich dependencies evaluated as rpm does), no conflict, break or obsolete
 * hitting another package of the set, at most one build per name unless the format lets them coexist, every
 * job done, held and essential packages kept, no unrequested downgrade. Independent of {@link SatResolver} on
 * purpose (shares none of its code), so tests and the engine can use it as an oracle and a safety net.
 *
 * <p>Stateless and thread-safe (the universe it is given is used from the calling thread only).
 */
public final class PlanValidator {

    /** One rule the resulting package set breaks; {@code who} is null for job-level violations. */
    public record Violation(Candidate who, String message) {
        @Override
        public String toString() {
            return who == null ? message : who + ": " + message;
        }
    }

    /** The installed set after applying {@code plan} to {@code installed}. */
    public static Set<Candidate> after(Collection<Candidate> installed, Plan plan) {
        Set<Candidate> out = new LinkedHashSet<>(installed);
        for (Action a : plan.actions()) {
            if (a.from() != null) {
                out.remove(a.from());
            }
            if (a.to() != null) {
                out.add(a.to());
            }
        }
        return out;
    }

    /** A hard dependency of {@code who} that no package of the set it was checked on satisfies. */
    public record Unmet(Candidate who, Relation relation) {
        public Unmet {
            java.util.Objects.requireNonNull(who, "who");
            java.util.Objects.requireNonNull(relation, "relation");
        }
    }

    /**
     * The hard dependencies (Depends and Pre-Depends; Requires) of the packages of {@code set} that {@code set}
     * itself does not satisfy, in the set's order: what apt calls a broken system when {@code set} is the
     * installed one.
     */
    public List<Unmet> unmet(Universe universe, Set<Candidate> set) {
        // The set's members by every name they answer to: a plan on an installed system runs this check first, and
        // asking the universe for each dependency's providers would read them from the store one name at a time.
        Map<String, List<Candidate>> members = new HashMap<>();
        for (Candidate c : set) {
            c.capabilities().forEach(n -> members.computeIfAbsent(n, k -> new ArrayList<>()).add(c));
        }
        FormatRules rules = universe.rules();
        Function<String, List<Candidate>> lookup = n -> members.getOrDefault(n, List.of());
        List<Unmet> out = new ArrayList<>();
        for (Candidate x : set) {
            for (Relation r : x.record().relations()) {
                if (r.kind().isHardRequirement() && !holds(universe, r.requirement(), set, lookup,
                        (y, a) -> rules.satisfies(y.record(), a, x.record()))) {
                    out.add(new Unmet(x, r));
                }
            }
        }
        return out;
    }

    private boolean satisfied(Universe universe, Candidate x, Relation r, Set<Candidate> set) {
        FormatRules rules = universe.rules();
        return holds(universe, r.requirement(), set, (y, a) -> rules.satisfies(y.record(), a, x.record()));
    }

    /** Validates {@code plan} for {@code request} against the universe's installed packages. */
    public List<Violation> validate(Universe universe, Request request, Plan plan) {
        return check(universe, request, after(universe.installed(), plan));
    }

    /** Validates the package set {@code after} (installed packages once the plan ran). */
    public List<Violation> check(Universe universe, Request request, Set<Candidate> after) {
        FormatRules rules = universe.rules();
        List<Violation> out = new ArrayList<>();
        for (Candidate x : after) {
            for (Relation r : x.record().relations()) {
                if (r.kind().isHardRequirement()) {
                    if (!satisfied(universe, x, r, after)) {
                        out.add(new Violation(x, "unsatisfied " + r.kind() + " " + r.text()));
                    }
                } else if (r.kind().isNegative()) {
                    BiPredicate<Candidate, Requirement.Atom> hits =
                            (y, a) -> !y.equals(x) && rules.forbids(x.record(), r.kind(), a, y.record());
                    if (holds(universe, r.requirement(), after, hits)) {
                        out.add(new Violation(x, r.kind() + " " + r.text() + " hits an installed package"));
                    }
                }
            }
        }
        Map<String, List<Candidate>> byName = new LinkedHashMap<>();
        after.forEach(c -> byName.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c));
        for (List<Candidate> builds : byName.values()) {
            for (int i = 0; i < builds.size(); i++) {
                for (int j = i + 1; j < builds.size(); j++) {
                    if (!rules.mayCoexist(builds.get(i).record(), builds.get(j).record())) {
                        out.add(new Violation(builds.get(i), "installed together with " + builds.get(j)));
                    }
                }
            }
        }
        jobs(universe, request, after, byName, out);
        policy(universe, request, after, byName, out);
        return out;
    }

    private void jobs(Universe universe, Request request, Set<Candidate> after, Map<String, List<Candidate>> byName,
                      List<Violation> out) {
        FormatRules rules = universe.rules();
        Set<String> installedNames = new HashSet<>();
        universe.installed().forEach(c -> installedNames.add(c.name()));
        for (Job job : request.jobs()) {
            if (job instanceof Job.Install in) {
                boolean virtual = universe.named(in.name()).isEmpty();
                Requirement.Atom atom = new Requirement.Atom(in.name(), null, in.constraint());
                boolean done = after.stream().anyMatch(c -> (virtual
                        ? rules.satisfies(c.record(), atom, null)
                        : c.name().equals(in.name())
                          && rules.versionScheme().satisfies(c.record().version(), in.constraint()))
                        && (in.arch() == null || in.arch().equals(c.record().arch()))
                        && (in.source() == null || in.source().equals(c.source())));
                if (!done) {
                    out.add(new Violation(null, "job not done: " + job));
                }
            } else if (job instanceof Job.InstallExactly ex && !after.contains(ex.candidate())) {
                out.add(new Violation(null, "job not done: " + job));
            } else if (job instanceof Job.Reinstall re
                    && byName.getOrDefault(re.name(), List.of()).stream().noneMatch(Candidate::installed)) {
                out.add(new Violation(null, "job not done: " + job));
            } else if (job instanceof Job.Remove rm) {
                for (Candidate c : byName.getOrDefault(rm.name(), List.of())) {
                    if (rm.arch() == null || rm.arch().equals(c.record().arch())) {
                        out.add(new Violation(c, "still installed despite " + job));
                    }
                }
            } else if (job instanceof Job.Upgrade up && !up.allowChanges()) {
                // Obsoletes are the exception: an upgrade may replace an installed package by one obsoleting it,
                // with the new packages that one needs.
                Set<String> obsoleted = new HashSet<>();
                Set<String> obsoleting = new HashSet<>();
                for (Candidate c : after) {
                    for (Candidate i : universe.installed()) {
                        if (!after.contains(i) && !c.name().equals(i.name()) && obsoletes(rules, c, i)) {
                            obsoleted.add(i.name());
                            obsoleting.add(c.name());
                        }
                    }
                }
                for (String n : installedNames) {
                    if (!byName.containsKey(n) && !obsoleted.contains(n) && !up.repairs().contains(n)) {
                        out.add(new Violation(null, n + " removed by " + job));
                    }
                }
                Set<String> needed = neededBy(rules, after, obsoleting);
                for (String n : byName.keySet()) {
                    if (!installedNames.contains(n) && !needed.contains(n) && !up.repairs().contains(n)) {
                        out.add(new Violation(null, n + " newly installed by " + job));
                    }
                }
            }
        }
    }

    /** Names of {@code roots} and of every package of {@code after} their hard dependencies reach. */
    private static Set<String> neededBy(FormatRules rules, Set<Candidate> after, Set<String> roots) {
        Set<Candidate> seen = new HashSet<>();
        java.util.ArrayDeque<Candidate> queue = new java.util.ArrayDeque<>();
        after.stream().filter(c -> roots.contains(c.name())).forEach(c -> {
            seen.add(c);
            queue.add(c);
        });
        while (!queue.isEmpty()) {
            Candidate x = queue.poll();
            for (Relation r : x.record().relations()) {
                if (r.kind().isHardRequirement()) {
                    for (Requirement.Atom a : r.requirement().atoms()) {
                        for (Candidate y : after) {
                            if (rules.satisfies(y.record(), a, x.record()) && seen.add(y)) {
                                queue.add(y);
                            }
                        }
                    }
                }
            }
        }
        Set<String> names = new HashSet<>();
        seen.forEach(c -> names.add(c.name()));
        return names;
    }

    private static boolean obsoletes(FormatRules rules, Candidate c, Candidate i) {
        for (Relation r : c.record().relations(RelationKind.OBSOLETES)) {
            for (Requirement.Atom a : r.requirement().atoms()) {
                if (rules.forbids(c.record(), RelationKind.OBSOLETES, a, i.record())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void policy(Universe universe, Request request, Set<Candidate> after, Map<String, List<Candidate>> byName,
                        List<Violation> out) {
        FormatRules rules = universe.rules();
        Set<String> removedByJob = new HashSet<>();
        Set<String> downgradeAsked = new HashSet<>(request.downgradable());
        for (Job job : request.jobs()) {
            if (job instanceof Job.Remove rm) {
                removedByJob.add(rm.name());
            } else if (job instanceof Job.InstallExactly ex) {
                downgradeAsked.add(ex.candidate().name());
            } else if (job instanceof Job.Install in && in.constraint() != null) {
                downgradeAsked.add(in.name());
            }
        }
        for (Candidate i : universe.installed()) {
            if (request.held().contains(i.name()) && !after.contains(i)) {
                out.add(new Violation(i, "held, but changed or removed"));
            } else if (i.essential() && !removedByJob.contains(i.name()) && !byName.containsKey(i.name())) {
                out.add(new Violation(i, "essential, but removed"));
            }
            if (request.allowDowngrade() || downgradeAsked.contains(i.name())) {
                continue;
            }
            for (Candidate c : byName.getOrDefault(i.name(), List.of())) {
                if (!c.installed() && !rules.mayCoexist(c.record(), i.record())
                        && rules.versionScheme().compare(c.record().version(), i.record().version()) < 0) {
                    out.add(new Violation(c, "downgrades " + i + " without permission"));
                }
            }
        }
    }

    /** Evaluates a requirement on a package set; {@code match} says whether one package matches one atom. */
    private boolean holds(Universe universe, Requirement r, Set<Candidate> set,
                          BiPredicate<Candidate, Requirement.Atom> match) {
        return holds(universe, r, set, universe::providers, match);
    }

    /** The same, with the candidates answering to a name found by {@code providers}. */
    private boolean holds(Universe universe, Requirement r, Set<Candidate> set,
                          Function<String, List<Candidate>> providers,
                          BiPredicate<Candidate, Requirement.Atom> match) {
        if (r instanceof Requirement.Atom a) {
            if (universe.rules().isBuiltIn(a)) {
                return true;
            }
            return providers.apply(a.name()).stream().anyMatch(y -> set.contains(y) && match.test(y, a));
        } else if (r instanceof Requirement.AnyOf any) {
            return any.alternatives().stream().anyMatch(x -> holds(universe, x, set, providers, match));
        } else if (r instanceof Requirement.AllOf all) {
            return all.operands().stream().allMatch(x -> holds(universe, x, set, providers, match));
        } else if (r instanceof Requirement.If i) {
            return holds(universe, i.condition(), set, providers, match)
                    ? holds(universe, i.then(), set, providers, match)
                    : i.otherwise() == null || holds(universe, i.otherwise(), set, providers, match);
        } else if (r instanceof Requirement.Unless u) {
            return !holds(universe, u.condition(), set, providers, match)
                    ? holds(universe, u.then(), set, providers, match)
                    : u.otherwise() == null || holds(universe, u.otherwise(), set, providers, match);
        }
        // with / without: one and the same package must do it all
        return set.stream().anyMatch(y -> single(y, r, match));
    }

    private boolean single(Candidate y, Requirement r, BiPredicate<Candidate, Requirement.Atom> match) {
        if (r instanceof Requirement.Atom a) {
            return match.test(y, a);
        } else if (r instanceof Requirement.AnyOf any) {
            return any.alternatives().stream().anyMatch(x -> single(y, x, match));
        } else if (r instanceof Requirement.AllOf all) {
            return all.operands().stream().allMatch(x -> single(y, x, match));
        } else if (r instanceof Requirement.With w) {
            return w.operands().stream().allMatch(x -> single(y, x, match));
        } else if (r instanceof Requirement.Without w) {
            return single(y, w.base(), match) && !single(y, w.excluded(), match);
        } else if (r instanceof Requirement.If i) {
            return single(y, i.condition(), match) ? single(y, i.then(), match)
                    : i.otherwise() == null || single(y, i.otherwise(), match);
        }
        Requirement.Unless u = (Requirement.Unless) r;
        return !single(y, u.condition(), match) ? single(y, u.then(), match)
                : u.otherwise() == null || single(y, u.otherwise(), match);
    }
}
