package dev.peerget.resolver;

import java.util.ArrayList;
import java.util.List;

/** Universes that are hard for any resolution-based solver, for timeout tests. */
final class HardInstances {
    private HardInstances() {
    }

    /**
     * The pigeonhole principle as packages: {@code root} needs {@code holes + 1} pigeons, each pigeon is provided
     * by one package per hole, and packages in the same hole conflict. Unsatisfiable, and exponentially hard to
     * refute by resolution.
     */
    static TestUniverse pigeonHoles(int holes) {
        TestRepo repo = new TestRepo();
        List<String> pigeons = new ArrayList<>();
        for (int i = 1; i <= holes + 1; i++) {
            pigeons.add("pigeon-" + i);
            for (int j = 1; j <= holes; j++) {
                repo.pkg("p" + i + "h" + j, "1").provides("pigeon-" + i).provides("hole-" + j).conflicts("hole-" + j);
            }
        }
        repo.pkg("root", "1").depends(pigeons.toArray(String[]::new));
        return repo.universe();
    }
}
