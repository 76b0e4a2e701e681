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
            boolean root = scope.manual(c.name()) || !c.installed() || c.essential()
                    || request.held().contains(c.name())
                    || (scope.installedNames().contains(c.name()) && !request.automatic().contains(c.name()));
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
            if (!reached.contains(c) && c.installed() && request.automatic().contains(c.name())) {
                out.add(c);
            }
        }
        return out;
    }
}
