package dev.peerget.resolver.internal;

import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Request;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * apt's mark-and-sweep autoremove over the chosen set: everything reachable from the manually installed
 * packages (plus essential and held ones, and whatever this plan installs) through Depends, Pre-Depends,
 * Recommends and Suggests is needed ({@code APT::AutoRemove::RecommendsImportant} and {@code SuggestsImportant}
 * default to true); installed packages marked automatic that are not reached can go. Every satisfier of a
 * relation is marked, which over-approximates what is needed, so removing the rest never breaks a dependency.
 * Stateless.
 */
public final class Autoremover {

    private Autoremover() {
    }

    public static Set<Candidate> unneeded(Slice slice, Set<Candidate> chosen, Request request, JobScope scope) {
        Set<Candidate> reached = new HashSet<>();
        Deque<Candidate> queue = new ArrayDeque<>();
        for (Candidate c : chosen) {
            boolean root = scope.manual(c) || !c.installed() || c.essential()
                    || request.held().contains(c.name()) || !request.isAutomatic(c);
            if (root && reached.add(c)) {
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            for (Relation r : c.record().relations()) {
                RelationKind k = r.kind();
                if (!(k.isHardRequirement() || k == RelationKind.RECOMMENDS || k == RelationKind.SUGGESTS)) {
                    continue;
                }
                for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                    for (Candidate p : slice.universe().providers(a.name())) {
                        if (chosen.contains(p) && !reached.contains(p)
                                && slice.rules().satisfies(p.record(), a, c.record())) {
                            reached.add(p);
                            queue.add(p);
                        }
                    }
                }
            }
        }
        Set<Candidate> out = new LinkedHashSet<>();
        for (Candidate c : chosen) {
            if (!reached.contains(c) && c.installed() && request.isAutomatic(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * dnf's {@code clean_requirements_on_remove} (libsolv's cleandeps): of the {@code unneeded} packages, those that
     * the installed packages this plan removes depended on, directly or through each other; never one that a
     * package still kept needs (then it stays, and so do the packages it needs).
     *
     * @param chosen the plan's end state
     */
    public static Set<Candidate> dependenciesOfRemoved(Slice slice, Set<Candidate> chosen, Set<Candidate> unneeded) {
        Set<String> keptNames = new HashSet<>();
        for (Candidate c : chosen) {
            keptNames.add(c.name());
        }
        Deque<Candidate> queue = new ArrayDeque<>();
        for (Candidate c : slice.universe().installed()) {
            if (!chosen.contains(c) && !keptNames.contains(c.name())) {
                queue.add(c); // removed, not replaced by another build of its name
            }
        }
        Set<Candidate> clean = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            for (Candidate d : requirements(slice, c)) {
                if (unneeded.contains(d) && clean.add(d)) {
                    queue.add(d);
                }
            }
        }
        // What stays must keep what it needs: drop from the removals every package a kept one requires, until none.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Candidate kept : chosen) {
                if (clean.contains(kept)) {
                    continue;
                }
                for (Candidate d : requirements(slice, kept)) {
                    if (clean.remove(d)) {
                        changed = true;
                    }
                }
            }
        }
        return clean;
    }

    /** The installed satisfiers of {@code c}'s hard requirements and recommendations. */
    private static Set<Candidate> requirements(Slice slice, Candidate c) {
        Set<Candidate> out = new LinkedHashSet<>();
        for (Relation r : c.record().relations()) {
            RelationKind k = r.kind();
            if (!(k.isHardRequirement() || k == RelationKind.RECOMMENDS)) {
                continue;
            }
            for (Requirement.Atom a : Slice.atoms(r.requirement())) {
                for (Candidate p : slice.universe().providers(a.name())) {
                    if (p.installed() && slice.rules().satisfies(p.record(), a, c.record())) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }
}
