package dev.peerget.resolver;

import static dev.peerget.model.RelationKind.DEPENDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.model.Requirement;
import dev.peerget.resolver.internal.JobScope;
import dev.peerget.resolver.internal.Slice;
import dev.peerget.resolver.internal.Slicer;
import dev.peerget.resolver.internal.Sweep;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Sweep}: which chosen new packages nothing needs, on sets given directly rather than found by a solver. */
class SweepTest extends Fixture {

    @Test
    void keepsOneSatisfierPerRelationAndWhatTheJobsNameDropsTheRest() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").depends("lib-a | lib-b", "common").recommends("docs");
        repo.pkg("lib-a", "1").depends("common");
        repo.pkg("lib-b", "1").depends("lib-b-data");
        repo.pkg("lib-b-data", "1");
        repo.pkg("common", "1");
        repo.pkg("docs", "1");
        repo.pkg("junk", "1");
        Request request = request(install("app"));
        assertThat(needless(repo, request, true, "app", "lib-a", "lib-b", "lib-b-data", "common", "docs", "junk"))
                .containsExactly("lib-b", "lib-b-data", "junk");
        // a relation already met by a marked package (lib-b, named by a job) marks nothing more; without weak
        // dependencies docs is needless
        assertThat(needless(repo, request(install("app"), install("lib-b")), false,
                "app", "lib-a", "lib-b", "lib-b-data", "common", "docs"))
                .containsExactly("lib-a", "docs");
    }

    @Test
    void keepsEveryNameOfARichDependencyWhatSupplementsAKeptPackageAndWhatReplacesAnInstalledOne() {
        TestRepo repo = new TestRepo();
        repo.pkg("x", "1").rich(DEPENDS, new Requirement.AllOf(List.of(atom("p"), atom("q"))), "(p and q)");
        repo.pkg("p", "1");
        repo.pkg("q", "1");
        repo.pkg("x-langpack", "1").supplements("x");
        repo.pkg("other-langpack", "1").supplements("nothing-here");
        repo.pkg("old-tool", "1").installed();
        repo.pkg("new-tool", "2").obsoletes("old-tool");
        repo.pkg("lib", "1").installed();
        repo.pkg("lib", "2");
        Request request = request(install("x"), install("new-tool"), install("other-langpack"));
        List<String> chosen = List.of("x", "p", "q", "x-langpack", "other-langpack", "new-tool", "lib");
        // other-langpack is named by a job; its own Supplements need not hold
        assertThat(needless(repo, request, true, chosen.toArray(String[]::new))).isEmpty();
        Request fewer = request(install("x"));
        assertThat(needless(repo, fewer, true, "x", "p", "q", "x-langpack", "other-langpack", "new-tool", "lib"))
                .containsExactly("other-langpack");
    }

    private static Requirement.Atom atom(String name) {
        return new Requirement.Atom(name, null, null);
    }

    /**
     * The names of {@link Sweep#needless} among the builds called {@code names} (the newest of each), with the
     * jobs of {@code request}; the slice holds every build of those names.
     */
    private static List<String> needless(TestRepo repo, Request request, boolean weak, String... names) {
        Slice slice = Slicer.slice(repo.universe(), request(java.util.Arrays.stream(names).map(Fixture::install)
                .toArray(Job[]::new)));
        Set<Candidate> chosen = new LinkedHashSet<>();
        for (String n : names) {
            List<Candidate> builds = slice.named(n);
            assertThat(builds).as("builds of " + n + " in the slice").isNotEmpty();
            chosen.add(builds.get(builds.size() - 1));
        }
        return Sweep.needless(slice, chosen, new JobScope(slice, request), weak).stream().map(Candidate::name).toList();
    }
}
