package dev.peerget.resolver;

import java.util.List;

/**
 * A solution: the changes to make and the installed packages with a newer version that the plan leaves alone
 * (apt's "The following packages have been kept back" / "N not upgraded").
 */
public record Plan(List<Action> actions, List<Candidate> notUpgraded) {
    public Plan {
        actions = List.copyOf(actions);
        notUpgraded = List.copyOf(notUpgraded);
    }

    public List<Action> actions(Action.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).toList();
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
