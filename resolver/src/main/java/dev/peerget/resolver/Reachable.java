package dev.peerget.resolver;

import dev.peerget.resolver.internal.Slicer;
import java.util.Set;

/**
 * The candidates {@link SatResolver} would consider for a request (its slice), for tools that need the
 * problem without solving it, such as writing a solver testcase. Stateless and thread-safe.
 */
public final class Reachable {
    private Reachable() {
    }

    /** Installed candidates first, then what the jobs and their dependencies reach, in discovery order. */
    public static Set<Candidate> candidates(Universe universe, Request request) {
        return Slicer.slice(universe, request).members();
    }
}
