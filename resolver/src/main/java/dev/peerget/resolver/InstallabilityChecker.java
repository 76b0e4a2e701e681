package dev.peerget.resolver;

import dev.peerget.model.FormatRules;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.Requirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * every hard dependency, conflict and one-version-per-name rule? The archive is encoded once; each package is
 * then one incremental solve under the assumption that it is installed, and every package true in a model found
 * is installable too, so most packages need no solve of their own.
 *
 * <p>Rich RPM conditionals ({@code if}, {@code unless}, {@code with}, {@code without}) nested inside a relation
 * are not encoded (counted in {@link Report#approximated()}), so for them the answer is optimistic.
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
    private final Map<Candidate, Integer> vars = new HashMap<>();
    private final List<Candidate> byVar = new ArrayList<>();
    private int approximated;

    public InstallabilityChecker(FormatRules rules) {
        this.rules = rules;
    }

    public Report check(Collection<Candidate> universe) {
        byVar.add(null);
        for (Candidate c : universe) {
            if (vars.putIfAbsent(c, byVar.size()) == null) {
                byVar.add(c);
                index(c.name(), c);
                for (Provide p : c.record().provides()) {
                    index(p.name(), c);
                }
                for (String f : c.record().files()) {
                    index(f, c);
                }
            }
        }
        ISolver solver = SolverFactory.newDefault();
        solver.newVar(byVar.size());
        try {
            encode(solver);
        } catch (ContradictionException e) {
            // Only unit clauses can contradict at top level; handled per package below.
        }
        Set<Candidate> installable = new LinkedHashSet<>();
        List<Candidate> broken = new ArrayList<>();
        for (int v = 1; v < byVar.size(); v++) {
            Candidate c = byVar.get(v);
            if (installable.contains(c)) {
                continue;
            }
            try {
                if (solver.isSatisfiable(new VecInt(new int[] {v}))) {
                    for (int lit : solver.model()) {
                        if (lit > 0) {
                            installable.add(byVar.get(lit));
                        }
                    }
                } else {
                    broken.add(c);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("installability check of " + c + " timed out", e);
            }
        }
        return new Report(installable, broken, approximated);
    }

    private void index(String capability, Candidate c) {
        byCapability.computeIfAbsent(capability, k -> new ArrayList<>(2)).add(c);
    }

    private void encode(ISolver solver) throws ContradictionException {
        Map<String, List<Candidate>> byName = new HashMap<>();
        for (int v = 1; v < byVar.size(); v++) {
            Candidate c = byVar.get(v);
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
            for (Relation r : c.record().relations()) {
                if (r.kind().isHardRequirement()) {
                    for (List<Requirement.Atom> alternatives : clauses(r.requirement())) {
                        VecInt clause = new VecInt();
                        clause.push(-v);
                        boolean builtIn = false;
                        for (Requirement.Atom atom : alternatives) {
                            if (rules.isBuiltIn(atom)) {
                                builtIn = true;
                                break;
                            }
                            for (Candidate s : byCapability.getOrDefault(atom.name(), List.of())) {
                                if (rules.satisfies(s.record(), atom, c.record())) {
                                    clause.push(vars.get(s));
                                }
                            }
                        }
                        if (!builtIn) {
                            addClause(solver, clause);
                        }
                    }
                } else if (r.kind().isNegative()) {
                    for (List<Requirement.Atom> group : clauses(r.requirement())) {
                        for (Requirement.Atom atom : group) {
                            for (Candidate q : byCapability.getOrDefault(atom.name(), List.of())) {
                                if (!q.equals(c) && rules.forbids(c.record(), r.kind(), atom, q.record())) {
                                    addClause(solver, new VecInt(new int[] {-v, -vars.get(q)}));
                                }
                            }
                        }
                    }
                }
            }
        }
        for (List<Candidate> builds : byName.values()) {
            for (int i = 0; i < builds.size(); i++) {
                for (int j = i + 1; j < builds.size(); j++) {
                    PackageRecord a = builds.get(i).record();
                    PackageRecord b = builds.get(j).record();
                    if (!rules.mayCoexist(a, b)) {
                        addClause(solver, new VecInt(new int[] {-vars.get(builds.get(i)), -vars.get(builds.get(j))}));
                    }
                }
            }
        }
    }

    /** A clause that is empty except for ¬p makes p uninstallable; Sat4j takes it as a unit clause. */
    private static void addClause(ISolver solver, VecInt clause) throws ContradictionException {
        try {
            solver.addClause(clause);
        } catch (ContradictionException e) {
            // A unit clause contradicting another unit: both packages are broken; the solves will tell.
        }
    }

    /**
     * The requirement as a conjunction of disjunctions of atoms (CNF), for the forms that have one: atoms,
     * {@code a | b}, {@code (a and b)}, and or/and nestings of those. Other forms are left out and counted.
     */
    private List<List<Requirement.Atom>> clauses(Requirement req) {
        List<List<Requirement.Atom>> out = new ArrayList<>();
        if (req instanceof Requirement.Atom a) {
            out.add(List.of(a));
        } else if (req instanceof Requirement.AllOf all) {
            for (Requirement op : all.operands()) {
                out.addAll(clauses(op));
            }
        } else if (req instanceof Requirement.AnyOf any) {
            List<Requirement.Atom> atoms = new ArrayList<>();
            for (Requirement alt : any.alternatives()) {
                List<List<Requirement.Atom>> sub = clauses(alt);
                if (sub.size() != 1) {
                    approximated++;
                    return List.of();
                }
                atoms.addAll(sub.get(0));
            }
            out.add(atoms);
        } else {
            approximated++;
        }
        return out;
    }
}
