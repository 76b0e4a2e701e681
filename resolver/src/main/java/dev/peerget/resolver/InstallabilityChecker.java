package dev.peerget.resolver;

import dev.peerget.model.FormatRules;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.Requirement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.TimeoutException;

/**
 * Which packages of a whole archive can be installed at all, as {@code dose-distcheck} and libsolv's
 * {@code installcheck} answer it: for each package, is there a set of packages containing it that satisfies
 * every hard dependency, conflict and one-version-per-name rule? Every relation is matched once, up front, into
 * clauses over candidate numbers; each package is then a small SAT problem over its dependency closure only
 * (Sat4j assigns every variable it knows, so one problem over the whole archive would cost the archive's size
 * per package). Every package true in a model found is installable too, so most packages need no solve.
 *
 * <p>RPM's {@code with}/{@code without} become the set of packages that satisfy them on their own; its
 * conditionals ({@code if}, {@code unless}), and alternatives that are not plain disjunctions, are not encoded
 * (counted in {@link Report#approximated()}), so for them the answer is optimistic.
 * Not thread-safe; one checker per run.
 */
public final class InstallabilityChecker {
    /** The answer: every package that can be installed, those that cannot, and the relations left out. */
    public record Report(Set<Candidate> installable, List<Candidate> broken, int approximated) {
        public Report {
            installable = Set.copyOf(installable);
            broken = List.copyOf(broken);
        }
    }

    private final FormatRules rules;
    private final Map<String, List<Candidate>> byCapability = new HashMap<>();
    private final Map<Candidate, Integer> ids = new HashMap<>();
    private final List<Candidate> byId = new ArrayList<>();
    /** Per candidate: each hard dependency as the ids that satisfy it (empty array: nothing does). */
    private final List<List<int[]>> requires = new ArrayList<>();
    /** Per candidate: ids it may not be installed with (conflicts either way, other builds of its name). */
    private final List<Set<Integer>> excludes = new ArrayList<>();
    private int approximated;

    public InstallabilityChecker(FormatRules rules) {
        this.rules = rules;
    }

    public Report check(Collection<Candidate> universe) {
        for (Candidate c : universe) {
            if (ids.putIfAbsent(c, byId.size()) == null) {
                byId.add(c);
                requires.add(new ArrayList<>());
                excludes.add(new HashSet<>());
                index(c.name(), c);
                for (Provide p : c.record().provides()) {
                    index(p.name(), c);
                }
                for (String f : c.record().files()) {
                    index(f, c);
                }
            }
        }
        match();
        boolean[] installable = new boolean[byId.size()];
        List<Candidate> broken = new ArrayList<>();
        for (int id = 0; id < byId.size(); id++) {
            if (!installable[id] && !solve(id, installable)) {
                broken.add(byId.get(id));
            }
        }
        Set<Candidate> ok = new LinkedHashSet<>();
        for (int id = 0; id < byId.size(); id++) {
            if (installable[id]) {
                ok.add(byId.get(id));
            }
        }
        return new Report(ok, broken, approximated);
    }

    private void index(String capability, Candidate c) {
        byCapability.computeIfAbsent(capability, k -> new ArrayList<>(2)).add(c);
    }

    /** Matches every relation once into {@link #requires} and {@link #excludes}. */
    private void match() {
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int id = 0; id < byId.size(); id++) {
            Candidate c = byId.get(id);
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(id);
            for (Relation r : c.record().relations()) {
                if (r.kind().isHardRequirement()) {
                    for (List<Requirement> alternatives : clauses(r.requirement())) {
                        Set<Integer> satisfiers = new LinkedHashSet<>();
                        boolean builtIn = false;
                        for (Requirement alternative : alternatives) {
                            if (alternative instanceof Requirement.Atom atom && rules.isBuiltIn(atom)) {
                                builtIn = true;
                                break;
                            }
                            for (Candidate s : mentioned(alternative)) {
                                if (satisfiedBy(s, alternative, c)) {
                                    satisfiers.add(ids.get(s));
                                }
                            }
                        }
                        if (!builtIn) {
                            requires.get(id).add(satisfiers.stream().mapToInt(Integer::intValue).toArray());
                        }
                    }
                } else if (r.kind().isNegative()) {
                    for (List<Requirement> group : clauses(r.requirement())) {
                        for (Requirement member : group) {
                            if (!(member instanceof Requirement.Atom atom)) {
                                approximated++; // a with/without conflict: not encoded, so optimistic
                                continue;
                            }
                            for (Candidate q : byCapability.getOrDefault(atom.name(), List.of())) {
                                if (!q.equals(c) && rules.forbids(c.record(), r.kind(), atom, q.record())) {
                                    int qid = ids.get(q);
                                    excludes.get(id).add(qid);
                                    excludes.get(qid).add(id);
                                }
                            }
                        }
                    }
                }
            }
        }
        for (List<Integer> builds : byName.values()) {
            for (int i = 0; i < builds.size(); i++) {
                for (int j = i + 1; j < builds.size(); j++) {
                    int a = builds.get(i);
                    int b = builds.get(j);
                    if (!rules.mayCoexist(byId.get(a).record(), byId.get(b).record())) {
                        excludes.get(a).add(b);
                        excludes.get(b).add(a);
                    }
                }
            }
        }
    }

    /**
     * Solves "{@code root} installed" over its dependency closure; on success marks every package of the model
     * installable and returns true.
     */
    private boolean solve(int root, boolean[] installable) {
        // The closure: everything reachable through hard dependencies.
        Map<Integer, Integer> local = new HashMap<>();
        List<Integer> members = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        local.put(root, 1);
        members.add(root);
        queue.add(root);
        while (!queue.isEmpty()) {
            int id = queue.poll();
            for (int[] alternatives : requires.get(id)) {
                for (int s : alternatives) {
                    if (!local.containsKey(s)) {
                        local.put(s, members.size() + 1);
                        members.add(s);
                        queue.add(s);
                    }
                }
            }
        }
        ISolver solver = SolverFactory.newLight();
        solver.newVar(members.size());
        try {
            solver.addClause(new VecInt(new int[] {1}));
            for (int id : members) {
                int v = local.get(id);
                for (int[] alternatives : requires.get(id)) {
                    VecInt clause = new VecInt(alternatives.length + 1);
                    clause.push(-v);
                    for (int s : alternatives) {
                        clause.push(local.get(s));
                    }
                    solver.addClause(clause);
                }
                for (int other : excludes.get(id)) {
                    Integer w = local.get(other);
                    if (w != null && w > v) {
                        solver.addClause(new VecInt(new int[] {-v, -w}));
                    }
                }
            }
            if (!solver.isSatisfiable()) {
                return false;
            }
        } catch (ContradictionException e) {
            return false;
        } catch (TimeoutException e) {
            throw new IllegalStateException("installability check of " + byId.get(root) + " timed out", e);
        }
        for (int lit : solver.model()) {
            if (lit > 0) {
                installable[members.get(lit - 1)] = true;
            }
        }
        return true;
    }

    /**
     * The requirement as a conjunction of disjunctions (CNF) whose members one package satisfies on its own:
     * atoms, and rpm's {@code with}/{@code without} (one and the same package must satisfy every operand), in
     * or/and nestings. {@code if}/{@code unless} depend on what else is installed; they are left out and counted.
     */
    private List<List<Requirement>> clauses(Requirement req) {
        List<List<Requirement>> out = new ArrayList<>();
        if (req instanceof Requirement.Atom || req instanceof Requirement.With || req instanceof Requirement.Without) {
            out.add(List.of(req));
        } else if (req instanceof Requirement.AllOf all) {
            for (Requirement op : all.operands()) {
                out.addAll(clauses(op));
            }
        } else if (req instanceof Requirement.AnyOf any) {
            List<Requirement> singles = new ArrayList<>();
            for (Requirement alt : any.alternatives()) {
                List<List<Requirement>> sub = clauses(alt);
                if (sub.size() != 1) {
                    approximated++;
                    return List.of();
                }
                singles.addAll(sub.get(0));
            }
            out.add(singles);
        } else {
            approximated++;
        }
        return out;
    }

    /** The packages an atom of {@code req} names, by name, provide or file: the only ones that may satisfy it. */
    private Set<Candidate> mentioned(Requirement req) {
        Set<Candidate> out = new LinkedHashSet<>();
        for (Requirement.Atom atom : atoms(List.of(req))) {
            out.addAll(byCapability.getOrDefault(atom.name(), List.of()));
        }
        return out;
    }

    private static List<Requirement.Atom> atoms(List<Requirement> reqs) {
        List<Requirement.Atom> out = new ArrayList<>();
        for (Requirement r : reqs) {
            if (r instanceof Requirement.Atom a) {
                out.add(a);
            } else if (r instanceof Requirement.With w) {
                out.addAll(atoms(w.operands()));
            } else if (r instanceof Requirement.Without w) {
                out.addAll(atoms(List.of(w.base(), w.excluded())));
            } else if (r instanceof Requirement.AnyOf any) {
                out.addAll(atoms(any.alternatives()));
            } else if (r instanceof Requirement.AllOf all) {
                out.addAll(atoms(all.operands()));
            }
        }
        return out;
    }

    /** Whether package {@code s} alone satisfies {@code req} of {@code owner} (rpm's with/without semantics). */
    private boolean satisfiedBy(Candidate s, Requirement req, Candidate owner) {
        if (req instanceof Requirement.Atom a) {
            // mentioned() gathers the packages of every atom; FormatRules.satisfies expects one that has the name.
            boolean named = s.name().equals(a.name()) || s.record().files().contains(a.name())
                    || s.record().provides().stream().anyMatch(p -> p.name().equals(a.name()));
            return named && rules.satisfies(s.record(), a, owner.record());
        } else if (req instanceof Requirement.With w) {
            return w.operands().stream().allMatch(x -> satisfiedBy(s, x, owner));
        } else if (req instanceof Requirement.Without w) {
            return satisfiedBy(s, w.base(), owner) && !satisfiedBy(s, w.excluded(), owner);
        } else if (req instanceof Requirement.AnyOf any) {
            return any.alternatives().stream().anyMatch(x -> satisfiedBy(s, x, owner));
        } else if (req instanceof Requirement.AllOf all) {
            return all.operands().stream().allMatch(x -> satisfiedBy(s, x, owner));
        }
        return false;
    }
}
