package dev.peerget.resolver.internal;

import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Request;
import dev.peerget.resolver.Universe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the candidates a request can reach, p2-director style, without enumerating the universe: the
 * installed packages, the builds the jobs name, then transitively every candidate satisfying a hard relation of
 * a collected candidate, and, when weak dependencies are wanted, a weak one of a candidate the plan may install.
 *
 * <p>Installed packages may have to move when something they relate to changes, so other builds of an
 * installed name are collected when a job targets it, when a collected candidate's negative relation hits it,
 * or when a new build of something it depends on or conflicts with is collected (libsolv considers the
 * same "update candidates"). An upgrade also collects the builds that obsolete an installed package it targets
 * (libsolv's update candidates include obsoleters).
 *
 * <p>Weak dependencies are followed lazily, as apt follows the Recommends of what it installs: only those of
 * <em>followed</em> candidates, which are the builds the jobs name and, from a followed candidate's positive
 * relations, the candidates satisfying the first alternative that has any, unless several packages provide it:
 * then only a package of that very name. The other alternatives and the providers of virtual packages are
 * collected with their hard dependencies, but their weak ones are not looked up. On bookworm, following every
 * Recommends of every collected candidate made texlive-full's slice 4,049 candidates (its plan installs 779),
 * now 1,914; task-gnome-desktop's 4,804, now 3,297. When a plan installs a candidate that was not followed,
 * {@link #follow} extends the slice by that candidate's weak dependencies and the resolver solves again, until
 * the slice stops growing: then every candidate the plan installs has its weak dependencies in the slice (the
 * weak pass looks at those of every member). Not thread-safe; one per request.
 */
public final class Slicer {
    private final Universe universe;
    private final Request request;
    /** Whether every candidate's weak dependencies are followed at once (the complete slice). */
    private final boolean complete;
    private final Set<Candidate> seen = new LinkedHashSet<>();
    private final Deque<Candidate> queue = new ArrayDeque<>();
    private final Set<Candidate> visited = new HashSet<>();
    /** Candidates whose weak dependencies are followed, and those of them already visited as such. */
    private final Set<Candidate> followed = new HashSet<>();
    private final Set<Candidate> followedVisited = new HashSet<>();
    private final Set<String> expanded = new HashSet<>();
    /** The names whose providers were asked for (all of them are then in the slice). */
    private final Set<String> asked = new HashSet<>();
    private final Map<String, List<Candidate>> installedDependents = new HashMap<>();
    /** Installed candidates by every name they answer to (own name, provides, files). */
    private final Map<String, List<Candidate>> installedByCapability = new HashMap<>();

    private Slicer(Universe universe, Request request, boolean complete) {
        this.universe = universe;
        this.request = request;
        this.complete = complete;
    }

    /** The slice with every weak dependency of every candidate followed: all a plan could ever look at. */
    public static Slice slice(Universe universe, Request request) {
        Slicer slicer = new Slicer(universe, request, true);
        return slicer.run();
    }

    /** A slicer whose weak dependencies are followed lazily; {@link #initial} gives its first slice. */
    public static Slicer lazy(Universe universe, Request request) {
        return new Slicer(universe, request, false);
    }

    /** The first slice of a {@link #lazy} slicer. */
    public Slice initial() {
        return run();
    }

    /**
     * The slice extended by the weak dependencies of {@code chosen}'s candidates that were not followed yet, or
     * null when that adds no candidate (a plan on the bigger slice would then be the same).
     */
    public Slice follow(Collection<Candidate> chosen) {
        if (complete || !request.installWeak()) {
            return null;
        }
        int before = seen.size();
        for (Candidate c : chosen) {
            add(c, true);
        }
        drain();
        return seen.size() == before ? null : new Slice(universe, seen, asked);
    }

    private Slice run() {
        for (Candidate i : universe.installed()) {
            add(i, false);
            for (String n : i.capabilities()) {
                installedByCapability.computeIfAbsent(n, k -> new ArrayList<>()).add(i);
            }
            for (Relation r : i.record().relations()) {
                if (r.kind().isHardRequirement() || r.kind().isNegative()) {
                    for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                        installedDependents.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        for (Job job : request.jobs()) {
            seed(job);
        }
        drain();
        return new Slice(universe, seen, asked);
    }

    private void drain() {
        while (!queue.isEmpty()) {
            // One breadth-first layer at a time, its names announced to the universe first; the visiting
            // order is the same as one by one.
            List<Candidate> layer = new ArrayList<>(queue);
            queue.clear();
            universe.prefetch(relatedNames(layer));
            for (Candidate c : layer) {
                visit(c);
            }
        }
    }

    private List<Candidate> providers(String name) {
        asked.add(name);
        return universe.providers(name);
    }

    private boolean isFollowed(Candidate c) {
        return request.installWeak() && (complete || followed.contains(c));
    }

    private void seed(Job job) {
        if (job instanceof Job.Install in) {
            List<Candidate> named = universe.named(in.name());
            if (named.isEmpty()) {
                Requirement.Atom atom = new Requirement.Atom(in.name(), null, in.constraint());
                for (Candidate p : providers(in.name())) {
                    if (universe.rules().satisfies(p.record(), atom, null)) {
                        add(p, true);
                    }
                }
            } else {
                expand(in.name());
            }
        } else if (job instanceof Job.InstallExactly ex) {
            add(ex.candidate(), true);
        } else if (job instanceof Job.Reinstall re) {
            expand(re.name());
        } else if (job instanceof Job.Remove rm) {
            expand(rm.name());
        } else if (job instanceof Job.Upgrade up) {
            List<String> names = up.names().isEmpty()
                    ? universe.installed().stream().map(Candidate::name).distinct().toList() : up.names();
            names.forEach(this::expand);
            names.forEach(this::addObsoleters);
        }
    }

    private void visit(Candidate c) {
        if (visited.add(c)) {
            visitHard(c);
        }
        if (isFollowed(c) && followedVisited.add(c)) {
            visitWeak(c);
        }
    }

    /** Collects what {@code c}'s hard and negative relations can reach, none of it followed. */
    private void visitHard(Candidate c) {
        for (Relation r : c.record().relations()) {
            RelationKind k = r.kind();
            if (k.isHardRequirement()) {
                for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                    for (Candidate p : providers(a.name())) {
                        if (!seen.contains(p) && universe.rules().satisfies(p.record(), a, c.record())) {
                            add(p, false);
                        }
                    }
                }
                if (c.installed() && brokenOnSystem(c, r)) {
                    expand(c.name()); // already broken: another build of it may be the repair
                }
            } else if (k.isNegative()) {
                // Only installed packages matter here, and they are all known: no lookup in the universe.
                for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                    for (Candidate p : installedByCapability.getOrDefault(a.name(), List.of())) {
                        expand(p.name());
                        expandDependents(p); // they may need another build once p goes
                    }
                }
            }
        }
        if (!c.installed()) {
            expandDependents(c);
        }
    }

    /**
     * For a followed {@code c}: collects what its Recommends can reach, and follows, in each of its hard and
     * weak relations, the candidates of the first alternative that has any; collects and follows the
     * candidates whose Supplements name it.
     */
    private void visitWeak(Candidate c) {
        for (Relation r : c.record().relations()) {
            RelationKind k = r.kind();
            if (!k.isHardRequirement() && k != RelationKind.RECOMMENDS) {
                continue;
            }
            boolean first = true;
            for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                List<Candidate> satisfying = new ArrayList<>();
                for (Candidate p : providers(a.name())) {
                    if (universe.rules().satisfies(p.record(), a, c.record())) {
                        satisfying.add(p);
                    }
                }
                boolean oneName = satisfying.stream().map(Candidate::name).distinct().count() <= 1;
                for (Candidate p : satisfying) {
                    add(p, first && (oneName || p.name().equals(a.name())));
                }
                first &= satisfying.isEmpty();
            }
        }
        for (String n : names(c)) {
            for (Candidate s : universe.supplementers(n)) {
                if (!s.record().relations(RelationKind.SUPPLEMENTS).isEmpty()) {
                    add(s, true);
                }
            }
        }
    }

    /**
     * The names whose providers visiting {@code layer} will ask for: those of its positive relations (negative
     * ones are looked up among the installed packages, and later among the slice's members by {@link Slice}).
     */
    private Set<String> relatedNames(List<Candidate> layer) {
        Set<String> names = new LinkedHashSet<>();
        for (Candidate c : layer) {
            boolean hard = !visited.contains(c);
            boolean weak = isFollowed(c) && !followedVisited.contains(c);
            for (Relation r : c.record().relations()) {
                RelationKind k = r.kind();
                if ((hard && k.isHardRequirement()) || (weak && k == RelationKind.RECOMMENDS)) {
                    for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                        names.add(a.name());
                    }
                }
            }
        }
        return names;
    }

    /** Installed packages that depend on or conflict with what {@code c} is called or provides. */
    private void expandDependents(Candidate c) {
        for (String n : names(c)) {
            for (Candidate dependent : installedDependents.getOrDefault(n, List.of())) {
                expand(dependent.name());
            }
        }
    }

    private boolean brokenOnSystem(Candidate c, Relation r) {
        for (Requirement.Atom a : Slice.atoms(r.requirement())) {
            if (universe.rules().isBuiltIn(a)) {
                return false;
            }
            for (Candidate p : providers(a.name())) {
                if (p.installed() && universe.rules().satisfies(p.record(), a, c.record())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> names(Candidate c) {
        List<String> names = new ArrayList<>();
        names.add(c.name());
        for (Provide p : c.record().provides()) {
            names.add(p.name());
        }
        return names;
    }

    /** Builds that obsolete an installed build of {@code name}: an upgrade may replace it by them. */
    private void addObsoleters(String name) {
        for (Candidate o : universe.obsoleters(name)) {
            if (!o.installed() && !o.name().equals(name) && obsoletesInstalled(o, name)) {
                add(o, true);
            }
        }
    }

    private boolean obsoletesInstalled(Candidate o, String name) {
        for (Relation r : o.record().relations(RelationKind.OBSOLETES)) {
            for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                for (Candidate i : installedByCapability.getOrDefault(name, List.of())) {
                    if (i.name().equals(name) && universe.rules().forbids(o.record(), RelationKind.OBSOLETES, a,
                            i.record())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void expand(String name) {
        if (expanded.add(name)) {
            universe.named(name).forEach(c -> add(c, true));
        }
    }

    /**
     * Collects {@code c}, and with {@code follow} marks it followed (installed candidates never are: the weak
     * pass only looks at what the plan newly installs); a candidate already visited that becomes followed is
     * visited again for its weak dependencies.
     */
    private void add(Candidate c, boolean follow) {
        boolean added = seen.add(c);
        boolean newlyFollowed = follow && !complete && request.installWeak() && !c.installed() && followed.add(c);
        if (added || (newlyFollowed && visited.contains(c))) {
            queue.add(c);
        }
    }
}
