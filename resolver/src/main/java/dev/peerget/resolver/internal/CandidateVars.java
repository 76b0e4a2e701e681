package dev.peerget.resolver.internal;

import dev.peerget.resolver.Candidate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One solver variable per slice member ("this build is installed afterwards"). Not thread-safe.
 */
public final class CandidateVars {
    private final Map<Candidate, Integer> vars = new LinkedHashMap<>();
    private final Map<Integer, Candidate> candidates = new HashMap<>();

    public CandidateVars(Slice slice, SatProblem sat) {
        for (Candidate c : slice.members()) {
            int v = sat.newVar();
            if (c.installed()) {
                sat.preferTrue(v);
            }
            vars.put(c, v);
            candidates.put(v, c);
        }
    }

    public int var(Candidate c) {
        Integer v = vars.get(c);
        if (v == null) {
            throw new IllegalArgumentException("not in the slice: " + c);
        }
        return v;
    }

    public Set<Candidate> all() {
        return vars.keySet();
    }

    /** The candidates a model chooses, in slice order. */
    public Set<Candidate> chosen(Set<Integer> trueVars) {
        Set<Candidate> out = new LinkedHashSet<>();
        vars.forEach((c, v) -> {
            if (trueVars.contains(v)) {
                out.add(c);
            }
        });
        return out;
    }
}
