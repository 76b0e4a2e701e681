package dev.peerget.resolver.internal;

import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Request;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a request's jobs say about each name: which builds an install job accepts, which names the user targets
 * (may change freely, preferably to the best build), names manually, removes, or may downgrade (asked for a
 * version, or named in {@link Request#downgradable()}), and
 * which builds obsolete an installed package an upgrade targets.
 * Immutable after construction.
 */
public final class JobScope {
    private final Slice slice;
    private final Set<String> installedNames = new LinkedHashSet<>();
    private final Set<String> targeted = new HashSet<>();
    private final Set<String> manual = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    private final Set<String> downgradable = new HashSet<>();
    /** Per installed name an upgrade targets: the builds in the slice that obsolete an installed build of it. */
    private final Map<String, Set<Candidate>> obsoleters = new HashMap<>();
    private final boolean autoremove;

    public JobScope(Slice slice, Request request) {
        this.slice = slice;
        for (Candidate c : slice.members()) {
            if (c.installed()) {
                installedNames.add(c.name());
            }
        }
        downgradable.addAll(request.downgradable());
        boolean auto = false;
        Set<String> upgraded = new HashSet<>();
        for (Job job : request.jobs()) {
            if (job instanceof Job.Install in) {
                for (Candidate c : matches(in)) {
                    targeted.add(c.name());
                    manual.add(build(c));
                }
                if (in.constraint() != null) {
                    downgradable.add(in.name());
                }
            } else if (job instanceof Job.InstallExactly ex) {
                targeted.add(ex.candidate().name());
                manual.add(build(ex.candidate()));
                downgradable.add(ex.candidate().name());
            } else if (job instanceof Job.Reinstall re) {
                targeted.add(re.name());
            } else if (job instanceof Job.Remove rm) {
                removed.add(rm.name());
            } else if (job instanceof Job.Upgrade up) {
                Collection<String> names = up.names().isEmpty() ? installedNames : up.names();
                targeted.addAll(names);
                upgraded.addAll(names);
            } else if (job instanceof Job.Autoremove) {
                auto = true;
            }
        }
        this.autoremove = auto;
        findObsoleters(upgraded);
        obsoleters.values().forEach(os -> os.forEach(o -> targeted.add(o.name())));
    }

    /**
     * The obsoleters of installed builds of {@code upgraded} names among the slice's members (the
     * {@link Slicer} collected them): libsolv counts them among an installed package's update candidates.
     */
    private void findObsoleters(Set<String> upgraded) {
        if (upgraded.isEmpty()) {
            return; // no upgrade job: a walk over every member's relations for nothing
        }
        for (Candidate o : slice.members()) {
            if (o.installed()) {
                continue;
            }
            for (Relation r : o.record().relations(RelationKind.OBSOLETES)) {
                for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                    for (Candidate i : slice.forbidden(o, RelationKind.OBSOLETES, a)) {
                        if (i.installed() && upgraded.contains(i.name()) && !i.name().equals(o.name())) {
                            obsoleters.computeIfAbsent(i.name(), n -> new LinkedHashSet<>()).add(o);
                        }
                    }
                }
            }
        }
    }

    /** The builds an install job accepts: called so (or, failing that, providing it) and matching its filters. */
    public Set<Candidate> matches(Job.Install in) {
        Set<Candidate> out = new LinkedHashSet<>();
        List<Candidate> named = slice.named(in.name());
        if (named.isEmpty()) {
            Requirement.Atom atom = new Requirement.Atom(in.name(), null, in.constraint());
            for (Candidate c : slice.satisfiers(atom, null)) {
                if (filters(in, c)) {
                    out.add(c);
                }
            }
            return out;
        }
        for (Candidate c : named) {
            if (filters(in, c) && slice.rules().versionScheme().satisfies(c.record().version(), in.constraint())) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean filters(Job.Install in, Candidate c) {
        return (in.arch() == null || in.arch().equals(c.record().arch()))
                && (in.source() == null || in.source().equals(c.source()));
    }

    public static String describe(Job.Install in) {
        StringBuilder sb = new StringBuilder(in.name());
        if (in.arch() != null && !in.archImplied()) {
            sb.append(':').append(in.arch());
        }
        if (in.constraint() != null) {
            sb.append(" (").append(in.constraint()).append(')');
        }
        if (in.source() != null) {
            sb.append(" from ").append(in.source());
        }
        return sb.toString();
    }

    public Set<String> installedNames() {
        return installedNames;
    }

    public boolean targeted(String name) {
        return targeted.contains(name);
    }

    /** Whether an install job names this build (its name and architecture), which the plan then marks manual. */
    public boolean manual(Candidate c) {
        return manual.contains(build(c));
    }

    private static String build(Candidate c) {
        return c.name() + ":" + c.record().arch();
    }

    public boolean removed(String name) {
        return removed.contains(name);
    }

    public boolean downgradeRequested(String name) {
        return downgradable.contains(name);
    }

    /** Builds an upgrade may replace the installed {@code name} with (they obsolete it); empty for most names. */
    public Set<Candidate> obsoleters(String name) {
        return obsoleters.getOrDefault(name, Set.of());
    }

    /** The installed names {@code c} replaces as an obsoleter in an upgrade; empty for most builds. */
    public Set<String> replacedBy(Candidate c) {
        Set<String> out = new LinkedHashSet<>();
        obsoleters.forEach((name, os) -> {
            if (os.contains(c)) {
                out.add(name);
            }
        });
        return out;
    }

    public boolean autoremove() {
        return autoremove;
    }
}
