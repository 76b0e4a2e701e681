package dev.peerget.resolver;

import java.util.List;

/**
 * One reason a request cannot be satisfied: a minimal set of clashing constraints, ordered as a chain from
 * the request to the dead end, plus hints on what the user could change.
 */
public record Problem(List<Explanation> chain, List<String> hints) {
    public Problem {
        chain = List.copyOf(chain);
        hints = List.copyOf(hints);
    }
}
