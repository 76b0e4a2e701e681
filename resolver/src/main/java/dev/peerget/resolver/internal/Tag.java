package dev.peerget.resolver.internal;

import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Explanation;
import java.util.List;
import java.util.Set;

/**
 * The provenance of one guarded constraint: the explanations it renders as (usually one; a dependency nothing
 * satisfies renders as the dependency followed by the dead end), the candidates it is about ({@code subjects},
 * empty for a user's job) and the candidates it can force in ({@code targets}). Subjects and targets let the
 * {@link Explainer} order a core as a chain from the request to the dead end.
 */
public record Tag(List<Explanation> reasons, Set<Candidate> subjects, Set<Candidate> targets) {
    public Tag {
        reasons = List.copyOf(reasons);
        subjects = Set.copyOf(subjects);
        targets = Set.copyOf(targets);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a tag needs a reason");
        }
    }

    public static Tag of(Explanation reason, Set<Candidate> subjects, Set<Candidate> targets) {
        return new Tag(List.of(reason), subjects, targets);
    }
}
