package dev.peerget.resolver.internal;

import dev.peerget.model.FormatRules;
import dev.peerget.model.Relation;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Explanation;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Request;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Projects a slice and a request onto guarded solver constraints (the p2 "projector"), each tagged with the
 * {@link Explanation} the user will read if it takes part in a conflict:
 * <ul>
 *   <li>hard relation of x: {@code x → satisfied(requirement)} ({@code Depends}, or {@code Unsatisfiable}
 *       when nothing in the slice can satisfy it);</li>
 *   <li>negative relation of x: {@code x → ¬y} for every y the format rules say it forbids ({@code Conflict});</li>
 *   <li>two builds of one name: {@code ¬a ∨ ¬b} unless the rules let them coexist ({@code SingleVersion});</li>
 *   <li>jobs ({@code Requested}); held, essential and no-downgrade rules ({@code MustStay}).</li>
 * </ul>
 * Not thread-safe; one instance per resolution.
 */
public final class Encoder {
    private final Slice slice;
    private final SatProblem sat;
    private final CandidateVars vars;
    private final RequirementEncoder requirements;
    private final Request request;
    private final JobScope scope;
    private final Set<Candidate> retired;
    private final List<Integer> hard = new ArrayList<>();

    public Encoder(Slice slice, SatProblem sat, CandidateVars vars, Request request, JobScope scope) {
        this(slice, sat, vars, request, scope, Set.of());
    }

    /** @param retired installed builds the plan must remove ({@link InstallOnlyLimit}) */
    public Encoder(Slice slice, SatProblem sat, CandidateVars vars, Request request, JobScope scope,
                   Set<Candidate> retired) {
        this.retired = Set.copyOf(retired);
        this.slice = slice;
        this.sat = sat;
        this.vars = vars;
        this.request = request;
        this.scope = scope;
        this.requirements = new RequirementEncoder(sat, vars, slice.rules());
    }

    public RequirementEncoder requirements() {
        return requirements;
    }

    /** Encodes everything; returns the selectors of the hard constraints, to be assumed true. */
    public List<Integer> encode() {
        for (Candidate x : slice.members()) {
            for (Relation r : x.record().relations()) {
                if (r.kind().isHardRequirement()) {
                    dependency(x, r);
                } else if (r.kind().isNegative()) {
                    negative(x, r);
                }
            }
        }
        singleVersion();
        for (Job job : request.jobs()) {
            job(job);
        }
        policy();
        for (Candidate c : retired) {
            Job first = request.jobs().get(0);
            int s = add(() -> Tag.of(new Explanation.Requested(first, "removal of " + c + " (installonly_limit "
                    + request.installOnlyLimit() + ")"), Set.of(), Set.of()));
            sat.clause(s, -vars.var(c));
        }
        return List.copyOf(hard);
    }

    private void dependency(Candidate x, Relation r) {
        var flat = requirements.flat(r.requirement(), a -> slice.satisfiers(a, x));
        Explanation why = new Explanation.Depends(x, r);
        if (flat != null) {
            if (flat.always()) {
                return;
            }
            List<Explanation> reasons = flat.candidates().isEmpty()
                    ? List.of(why, new Explanation.Unsatisfiable(x, r.text()))
                    : List.of(why);
            int s = add(() -> new Tag(reasons, Set.of(x), flat.candidates()));
            List<Integer> lits = requirements.lits(flat.candidates());
            lits.add(0, -vars.var(x));
            sat.clause(s, lits);
            return;
        }
        int l = requirements.literal(r.requirement(), a -> slice.satisfiers(a, x));
        int s = add(() -> Tag.of(why, Set.of(x), requirements.mentioned(r.requirement(), a -> slice.satisfiers(a, x))));
        sat.clause(s, -vars.var(x), l);
    }

    private void negative(Candidate x, Relation r) {
        Requirement req = r.requirement();
        if (req instanceof Requirement.Atom || req instanceof Requirement.AnyOf) {
            for (Requirement.Atom a : Slice.atoms(req)) {
                for (Candidate y : slice.forbidden(x, r.kind(), a)) {
                    int s = add(() -> Tag.of(new Explanation.Conflict(x, r, y), Set.of(x, y), Set.of()));
                    sat.clause(s, -vars.var(x), -vars.var(y));
                }
            }
            return;
        }
        // A rich negative relation, e.g. rpm "Conflicts: (a and b)": x excludes the whole combination.
        int l = requirements.literal(req, a -> slice.forbidden(x, r.kind(), a));
        Set<Candidate> others = requirements.mentioned(req, a -> slice.forbidden(x, r.kind(), a));
        Candidate other = others.isEmpty() ? x : others.iterator().next();
        int s = add(() -> Tag.of(new Explanation.Conflict(x, r, other), Set.of(x), Set.of()));
        sat.clause(s, -vars.var(x), -l);
    }

    private void singleVersion() {
        FormatRules rules = slice.rules();
        for (String name : slice.names()) {
            List<Candidate> builds = slice.named(name);
            for (int i = 0; i < builds.size(); i++) {
                for (int j = i + 1; j < builds.size(); j++) {
                    Candidate a = builds.get(i);
                    Candidate b = builds.get(j);
                    if (!rules.mayCoexist(a.record(), b.record())) {
                        int s = add(() -> Tag.of(new Explanation.SingleVersion(a, b), Set.of(a, b), Set.of()));
                        sat.clause(s, -vars.var(a), -vars.var(b));
                    }
                }
            }
        }
    }

    private void job(Job job) {
        if (job instanceof Job.Install in) {
            Set<Candidate> ok = scope.matches(in);
            String text = JobScope.describe(in);
            require(job, "install " + text, ok, text);
        } else if (job instanceof Job.InstallExactly ex) {
            require(job, "install " + ex.candidate(), Set.of(ex.candidate()), ex.candidate().toString());
        } else if (job instanceof Job.Reinstall re) {
            Set<Candidate> installed = new LinkedHashSet<>();
            slice.named(re.name()).stream().filter(Candidate::installed).forEach(installed::add);
            require(job, "reinstall " + re.name(), installed, re.name() + " (installed)");
        } else if (job instanceof Job.Remove rm) {
            for (Candidate c : slice.named(rm.name())) {
                if (rm.arch() == null || rm.arch().equals(c.record().arch())) {
                    int s = add(() -> Tag.of(new Explanation.Requested(job, "removal of " + c), Set.of(), Set.of()));
                    sat.clause(s, -vars.var(c));
                }
            }
        } else if (job instanceof Job.Upgrade up && !up.allowChanges()) {
            upgradeWithoutChanges(up);
        }
    }

    private void require(Job job, String text, Set<Candidate> ok, String requirement) {
        List<Explanation> reasons = ok.isEmpty()
                ? List.of(new Explanation.Requested(job, text), new Explanation.Unsatisfiable(null, requirement))
                : List.of(new Explanation.Requested(job, text));
        int s = add(() -> new Tag(reasons, Set.of(), ok));
        sat.clause(s, requirements.lits(ok));
    }

    /**
     * apt's {@code upgrade}: every installed name keeps some build, no new name appears; except that a build
     * obsoleting an installed package may replace it, with the new packages it needs (dnf's upgrade applies
     * Obsoletes): a new build is then allowed only alongside an obsoleter whose dependency closure holds it.
     */
    private void upgradeWithoutChanges(Job.Upgrade up) {
        for (String name : scope.installedNames()) {
            if (up.repairs().contains(name)) {
                continue; // apt-get -f upgrade: removed to repair a broken package
            }
            Set<Candidate> builds = new LinkedHashSet<>(slice.named(name));
            builds.addAll(scope.obsoleters(name));
            int s = add(() -> Tag.of(new Explanation.Requested(up, "an upgrade that removes nothing (" + name + ")"),
                    Set.of(), builds));
            sat.clause(s, requirements.lits(builds));
        }
        Map<Candidate, Set<Candidate>> neededBy = closureOfObsoleters();
        for (Candidate c : slice.members()) {
            if (!scope.installedNames().contains(c.name()) && scope.replacedBy(c).isEmpty()
                    && !up.repairs().contains(c.name())) {
                Set<Candidate> enablers = neededBy.getOrDefault(c, Set.of());
                int s = add(() -> Tag.of(new Explanation.Requested(up, "an upgrade that installs nothing new ("
                        + c.name() + ")"), Set.of(c), enablers));
                List<Integer> lits = requirements.lits(enablers);
                lits.add(0, -vars.var(c));
                sat.clause(s, lits);
            }
        }
    }

    /** For each member, the obsoleters of the upgrade whose hard-dependency closure (in the slice) holds it. */
    private Map<Candidate, Set<Candidate>> closureOfObsoleters() {
        Map<Candidate, Set<Candidate>> out = new HashMap<>();
        Set<Candidate> obsoleters = new LinkedHashSet<>();
        scope.installedNames().forEach(n -> obsoleters.addAll(scope.obsoleters(n)));
        for (Candidate o : obsoleters) {
            Set<Candidate> seen = new HashSet<>(Set.of(o));
            ArrayDeque<Candidate> queue = new ArrayDeque<>(seen);
            while (!queue.isEmpty()) {
                Candidate x = queue.poll();
                for (Relation r : x.record().relations()) {
                    if (r.kind().isHardRequirement()) {
                        for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                            for (Candidate y : slice.satisfiers(a, x)) {
                                if (seen.add(y)) {
                                    queue.add(y);
                                }
                            }
                        }
                    }
                }
            }
            seen.forEach(c -> out.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(o));
        }
        return out;
    }

    /** Held and essential packages stay; installed builds are not downgraded unless allowed or asked for. */
    private void policy() {
        FormatRules rules = slice.rules();
        for (Candidate i : slice.members()) {
            if (!i.installed()) {
                continue;
            }
            if (request.held().contains(i.name())) {
                int s = add(() -> Tag.of(new Explanation.MustStay(i, "held"), Set.of(), Set.of(i)));
                sat.clause(s, vars.var(i));
            } else if (i.essential() && !scope.removed(i.name())) {
                Set<Candidate> builds = new LinkedHashSet<>(slice.named(i.name()));
                int s = add(() -> Tag.of(new Explanation.MustStay(i, "essential"), Set.of(), builds));
                sat.clause(s, requirements.lits(builds));
            }
            if (request.allowDowngrade() || scope.downgradeRequested(i.name())) {
                continue;
            }
            for (Candidate c : slice.named(i.name())) {
                if (!c.installed() && !rules.mayCoexist(c.record(), i.record())
                        && rules.versionScheme().compare(c.record().version(), i.record().version()) < 0) {
                    int s = add(() -> Tag.of(new Explanation.MustStay(i, "downgrading it to " + c.record().version()
                            + " is not allowed"), Set.of(c), Set.of()));
                    sat.clause(s, -vars.var(c));
                }
            }
        }
    }

    /** A selector for the constraint the tag describes (0 when the problem is not explaining). */
    private int add(Supplier<Tag> tag) {
        int s = sat.selector(tag);
        if (s != 0) {
            hard.add(s);
        }
        return s;
    }
}
