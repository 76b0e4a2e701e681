package dev.peerget.resolver;

import java.util.List;

/** The outcome of resolving a request. */
public sealed interface Resolution {
    /** A plan that satisfies every job and every dependency. */
    record Solved(Plan plan) implements Resolution { }

    /** No plan exists; the problems say why. */
    record Unsatisfiable(List<Problem> problems) implements Resolution {
        public Unsatisfiable {
            problems = List.copyOf(problems);
        }
    }

    /** The solver ran out of time before it found a plan or proved there is none. */
    record TimedOut(java.time.Duration after) implements Resolution { }
}
