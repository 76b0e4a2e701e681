package dev.peerget.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.model.Relation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Resolver laws on random universes, in the spirit of Cargo's resolver property tests: every plan passes the
 * independent validator, every "unsatisfiable" is confirmed by brute force over all subsets, the first objective
 * (fewest removals) is truly minimal, relaxing a dependency never breaks a solvable request, and asking for
 * something already installed in its best version changes nothing. Seeds are fixed: runs are deterministic.
 */
class ResolverPropertiesTest {
    private static final Resolver RESOLVER = new SatResolver();
    private static final PlanValidator VALIDATOR = new PlanValidator();

    private static Request randomRequest(TestUniverse u, Random rnd) {
        List<Job> jobs = new ArrayList<>();
        int count = 1 + rnd.nextInt(2);
        List<Candidate> all = u.all();
        for (int i = 0; i < count; i++) {
            Candidate c = all.get(rnd.nextInt(all.size()));
            switch (rnd.nextInt(6)) {
                case 0 -> jobs.add(new Job.Remove(c.name(), null));
                case 1 -> jobs.add(new Job.Upgrade(List.of(), rnd.nextBoolean()));
                case 2 -> jobs.add(new Job.InstallExactly(c));
                default -> jobs.add(Job.Install.of(rnd.nextDouble() < 0.1 ? "virt" : c.name()));
            }
        }
        Set<String> held = new LinkedHashSet<>();
        if (rnd.nextDouble() < 0.2) {
            held.add(all.get(rnd.nextInt(all.size())).name());
        }
        return new Request(jobs, rnd.nextBoolean(), rnd.nextDouble() < 0.3, held, Set.of(), Duration.ofSeconds(10));
    }

    /** Every valid final package set, by brute force. */
    private static List<Set<Candidate>> validSets(TestUniverse u, Request request) {
        List<Candidate> all = u.all();
        List<Set<Candidate>> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << all.size(); mask++) {
            Set<Candidate> set = new LinkedHashSet<>();
            for (int i = 0; i < all.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(all.get(i));
                }
            }
            if (VALIDATOR.check(u, request, set).isEmpty()) {
                out.add(set);
            }
        }
        return out;
    }

    private static long removals(TestUniverse u, Set<Candidate> after) {
        Set<String> names = new LinkedHashSet<>();
        after.forEach(c -> names.add(c.name()));
        return u.installed().stream().map(Candidate::name).distinct().filter(n -> !names.contains(n)).count();
    }

    @Property(tries = 200, seed = "20240601")
    void plansAreValidAndUnsatisfiableIsConfirmedByBruteForce(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        TestUniverse u = RandomUniverses.generate(seed);
        Request request = randomRequest(u, new Random(seed ^ 0x5DEECE66DL));
        Resolution r = RESOLVER.resolve(u, request);
        List<Set<Candidate>> valid = validSets(u, request);
        if (r instanceof Resolution.Solved s) {
            Set<Candidate> after = PlanValidator.after(u.installed(), s.plan());
            assertThat(VALIDATOR.check(u, request, after)).as("seed %d", seed).isEmpty();
            long best = valid.stream().mapToLong(set -> removals(u, set)).min().orElseThrow();
            assertThat(removals(u, after)).as("removals, seed %d", seed).isEqualTo(best);
        } else {
            assertThat(r).as("seed %d", seed).isInstanceOf(Resolution.Unsatisfiable.class);
            assertThat(valid).as("a valid set exists, seed %d", seed).isEmpty();
            Resolution.Unsatisfiable un = (Resolution.Unsatisfiable) r;
            assertThat(un.problems()).isNotEmpty();
            assertThat(un.problems()).allMatch(p -> !p.chain().isEmpty());
        }
    }

    @Property(tries = 200, seed = "7")
    void removingADependencyKeepsASolvableRequestSolvable(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        TestUniverse u = RandomUniverses.generate(seed);
        Random rnd = new Random(seed * 31);
        Request request = randomRequest(u, rnd);
        if (!(RESOLVER.resolve(u, request) instanceof Resolution.Solved)) {
            return;
        }
        List<Candidate> withDeps = u.all().stream()
                .filter(c -> c.record().relations().stream().anyMatch(x -> x.kind().isHardRequirement())).toList();
        if (withDeps.isEmpty()) {
            return;
        }
        Candidate who = withDeps.get(rnd.nextInt(withDeps.size()));
        List<Relation> hard = who.record().relations().stream().filter(x -> x.kind().isHardRequirement()).toList();
        TestUniverse relaxed = RandomUniverses.without(u, who, hard.get(rnd.nextInt(hard.size())));
        Resolution again = RESOLVER.resolve(relaxed, request);
        assertThat(again).as("seed %d", seed).isInstanceOf(Resolution.Solved.class);
        Plan plan = ((Resolution.Solved) again).plan();
        assertThat(VALIDATOR.validate(relaxed, request, plan)).isEmpty();
    }

    @Property(tries = 200, seed = "11")
    void installingAnInstalledBestBuildIsANoOp(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        TestUniverse u = RandomUniverses.generate(seed);
        Request empty = new Request(List.of(), false, false, Set.of(), Set.of(), Duration.ofSeconds(10));
        if (!VALIDATOR.check(u, empty, new LinkedHashSet<>(u.installed())).isEmpty()) {
            return; // only consistent systems
        }
        for (Candidate i : u.installed()) {
            boolean best = u.named(i.name()).stream()
                    .allMatch(c -> TestRules.DOTTED.compare(c.record().version(), i.record().version()) <= 0);
            if (best) {
                Request r = Request.of(Job.Install.of(i.name()));
                Resolution res = RESOLVER.resolve(u, r);
                assertThat(res).as("seed %d", seed).isInstanceOf(Resolution.Solved.class);
                assertThat(((Resolution.Solved) res).plan().actions()).as("seed %d", seed).isEmpty();
            }
        }
    }
}
