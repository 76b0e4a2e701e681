package dev.peerget.installer.deb;

import static dev.peerget.installer.deb.ControlRecords.control;
import static dev.peerget.installer.deb.ControlRecords.install;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.installer.InstallerException;
import dev.peerget.installer.Step;
import dev.peerget.repo.deb.DebianRules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random dependency graphs (with cycles and Pre-Depends) checked by an independent validator of the rules dpkg
 * enforces: each package unpacked once and configured once, later; a Pre-Depends target configured in an earlier
 * run than its dependent's unpack; a dependency configured no later than its dependent, and before it in the
 * same run unless the two are in a cycle.
 */
class DpkgOrderingPropertiesTest {
    private static final DebianRules RULES = new DebianRules("amd64");

    /** An edge {@code from -> to}: package {@code p<from>} (Pre-)Depends on {@code p<to>}. */
    record Edge(int from, int to, boolean pre) {
    }

    @Provide
    Arbitrary<List<Edge>> graphs() {
        Arbitrary<Edge> edge = Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 3))
                .as((a, b, k) -> new Edge(a, b, k == 0)).filter(e -> e.from() != e.to());
        return edge.list().ofMaxSize(16);
    }

    @Property(tries = 500)
    void everyPlanMeetsDpkgsRules(@ForAll("graphs") List<Edge> edges, @ForAll("sizes") int n) {
        List<Edge> inRange = edges.stream().filter(e -> e.from() < n && e.to() < n).toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> deps = new ArrayList<>();
            List<String> pres = new ArrayList<>();
            for (Edge e : inRange) {
                if (e.from() == i) {
                    (e.pre() ? pres : deps).add("p" + e.to());
                }
            }
            List<String> fields = new ArrayList<>();
            if (!deps.isEmpty()) {
                fields.add("Depends: " + String.join(", ", deps));
            }
            if (!pres.isEmpty()) {
                fields.add("Pre-Depends: " + String.join(", ", pres));
            }
            steps.add(install(control("p" + i, fields.toArray(String[]::new))));
        }
        List<DpkgOrdering.Batch> batches;
        try {
            batches = DpkgOrdering.order(steps, List.of(), RULES);
        } catch (InstallerException e) {
            // Only allowed when some Pre-Depends lies on a cycle: then no order exists.
            assertThat(inRange.stream().anyMatch(ed -> ed.pre() && reaches(inRange, ed.to(), ed.from())))
                    .as("refused without a pre-dependency cycle: %s", e.getMessage()).isTrue();
            return;
        }
        assertThat(inRange.stream().anyMatch(ed -> ed.pre() && reaches(inRange, ed.to(), ed.from())))
                .as("a pre-dependency cycle cannot be ordered").isFalse();
        Map<String, Integer> unpackedIn = new HashMap<>();
        Map<String, Integer> configuredIn = new HashMap<>();
        Map<String, Integer> positionInRun = new HashMap<>();
        for (int b = 0; b < batches.size(); b++) {
            DpkgOrdering.Batch batch = batches.get(b);
            Map<String, Integer> target = batch.kind() == DpkgOrdering.Kind.UNPACK ? unpackedIn : configuredIn;
            for (int k = 0; k < batch.steps().size(); k++) {
                String name = batch.steps().get(k).name();
                assertThat(target.put(name, b)).as("%s twice in %s runs", name, batch.kind()).isNull();
                if (batch.kind() == DpkgOrdering.Kind.CONFIGURE) {
                    positionInRun.put(name, k);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            String p = "p" + i;
            assertThat(unpackedIn).containsKey(p);
            assertThat(configuredIn.get(p)).as("%s configured after its unpack", p).isGreaterThan(unpackedIn.get(p));
        }
        for (Edge e : inRange) {
            String from = "p" + e.from();
            String to = "p" + e.to();
            if (e.pre()) {
                assertThat(configuredIn.get(to)).as("%s (pre-dependency of %s) configured before unpack", to, from)
                        .isLessThan(unpackedIn.get(from));
            }
            assertThat(configuredIn.get(to)).as("%s configured no later than %s", to, from)
                    .isLessThanOrEqualTo(configuredIn.get(from));
            boolean cycle = reaches(inRange, e.to(), e.from());
            if (!cycle && configuredIn.get(to).equals(configuredIn.get(from))) {
                assertThat(positionInRun.get(to)).as("%s before %s in one configure run", to, from)
                        .isLessThan(positionInRun.get(from));
            }
        }
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(1, 8);
    }

    /** Whether {@code to} is reachable from {@code from} over the edges (breadth first, independent of Scc). */
    private static boolean reaches(List<Edge> edges, int from, int to) {
        Deque<Integer> queue = new ArrayDeque<>(List.of(from));
        Set<Integer> seen = new HashSet<>(List.of(from));
        while (!queue.isEmpty()) {
            int v = queue.poll();
            if (v == to) {
                return true;
            }
            for (Edge e : edges) {
                if (e.from() == v && seen.add(e.to())) {
                    queue.add(e.to());
                }
            }
        }
        return false;
    }

}
