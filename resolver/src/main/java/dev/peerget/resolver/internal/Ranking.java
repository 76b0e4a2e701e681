package dev.peerget.resolver.internal;

import dev.peerget.model.VersionScheme;
import dev.peerget.resolver.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy order among builds of one name: higher {@link Candidate#preference()} first (apt pins, dnf priority),
 * then newer versions. Rank 0 is the best build of its name; builds equal in both (e.g. the same version for two
 * architectures) share a rank. Immutable after construction.
 */
public final class Ranking {
    private final Map<Candidate, Integer> rank = new HashMap<>();
    private final Map<String, Candidate> best = new HashMap<>();

    public Ranking(Slice slice) {
        Comparator<Candidate> order = order(slice.rules().versionScheme());
        for (String name : slice.names()) {
            List<Candidate> builds = new ArrayList<>(slice.named(name));
            builds.sort(order);
            int r = 0;
            for (int i = 0; i < builds.size(); i++) {
                if (i > 0 && order.compare(builds.get(i - 1), builds.get(i)) != 0) {
                    r++;
                }
                rank.put(builds.get(i), r);
            }
            best.put(name, builds.get(0));
        }
    }

    /** Best first: higher preference, then newer version. */
    public static Comparator<Candidate> order(VersionScheme scheme) {
        return Comparator.comparingInt(Candidate::preference).reversed()
                .thenComparing((a, b) -> scheme.compare(b.record().version(), a.record().version()));
    }

    public int rank(Candidate c) {
        return rank.getOrDefault(c, 0);
    }

    /** The best build of {@code name} in the slice, or null. */
    public Candidate best(String name) {
        return best.get(name);
    }
}
