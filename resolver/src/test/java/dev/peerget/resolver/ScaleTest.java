package dev.peerget.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A distribution-sized slice (thousands of candidates). Slow (about 20 s on two cores), so it only runs with
 * {@code -Dpeerget.slow=true}; it prints its timings.
 */
@EnabledIfSystemProperty(named = "peerget.slow", matches = "true")
class ScaleTest extends Fixture {

    /**
     * A distribution-like universe: {@code names} packages in two versions, dependencies pointing "down" (as
     * libraries do), version 1 needing only version-1-compatible things, a consistent installed system (the
     * dependency closure of some roots, at version 1), a few conflicts among packages nobody installed.
     */
    static TestRepo layered(int names, long seed) {
        Random rnd = new Random(seed);
        TestRepo repo = new TestRepo();
        List<List<String>> depsOfV1 = new ArrayList<>();
        for (int n = 0; n < names; n++) {
            List<String> firsts = new ArrayList<>();
            for (int v = 1; v <= 2; v++) {
                TestRepo.Pkg p = repo.pkg("p" + n, String.valueOf(v));
                int deps = n == 0 ? 0 : rnd.nextInt(4);
                for (int d = 0; d < deps; d++) {
                    int target = Math.max(0, n - 1 - rnd.nextInt(Math.min(n, 200)));
                    String dep = rnd.nextDouble() < 0.2
                            ? "p" + target + " | p" + rnd.nextInt(n)
                            : "p" + target + (v == 2 && rnd.nextDouble() < 0.3 ? " (>= 2)" : "");
                    p.depends(dep);
                    if (v == 1) {
                        firsts.add("p" + target);
                    }
                }
                if (rnd.nextDouble() < 0.3) {
                    p.recommends("p" + rnd.nextInt(names));
                }
                if (v == 2 && rnd.nextDouble() < 0.01) {
                    p.conflicts("p" + rnd.nextInt(names));
                }
            }
            depsOfV1.add(firsts);
        }
        java.util.Set<Integer> installed = new java.util.HashSet<>();
        java.util.Deque<Integer> queue = new java.util.ArrayDeque<>();
        for (int i = 0; i < names / 20; i++) {
            queue.add(rnd.nextInt(names));
        }
        while (!queue.isEmpty()) {
            int n = queue.poll();
            if (installed.add(n)) {
                depsOfV1.get(n).forEach(d -> queue.add(Integer.parseInt(d.substring(1))));
            }
        }
        installed.forEach(n -> repo.markInstalled("p" + n, "1"));
        return repo;
    }

    @Test
    void resolvesThousandsOfCandidatesQuickly() {
        TestRepo repo = layered(3000, 42);
        List<Job> jobs = new ArrayList<>();
        for (int i = 2990; i < 3000; i++) {
            jobs.add(install("p" + i));
        }
        Request request = new Request(jobs, true, false, Set.of(), Set.of(), Duration.ofSeconds(20));
        long start = System.nanoTime();
        Resolution r = RESOLVER.resolve(repo.universe(), request);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("scale: install 10 of 6000 candidates: " + ms + " ms, " + r.getClass().getSimpleName()
                + (r instanceof Resolution.Solved s ? " " + s.plan().actions().size() + " actions" : ""));
        if (r instanceof Resolution.Solved s) {
            assertThat(VALIDATOR.validate(repo.universe(), request, s.plan())).isEmpty();
        }
        long start2 = System.nanoTime();
        Request upgrade = new Request(List.of(new Job.Upgrade(List.of(), true)), true, false, Set.of(), Set.of(),
                Duration.ofSeconds(20));
        Resolution u = RESOLVER.resolve(repo.universe(), upgrade);
        long ms2 = (System.nanoTime() - start2) / 1_000_000;
        System.out.println("scale: full upgrade: " + ms2 + " ms, " + u.getClass().getSimpleName()
                + (u instanceof Resolution.Solved s ? " " + s.plan().actions().size() + " actions" : ""));
        assertThat(u).isInstanceOf(Resolution.Solved.class);
        assertThat(ms + ms2).as("both resolutions, ms").isLessThan(40_000);
        assertThat(VALIDATOR.validate(repo.universe(), upgrade, ((Resolution.Solved) u).plan())).isEmpty();
    }
}
