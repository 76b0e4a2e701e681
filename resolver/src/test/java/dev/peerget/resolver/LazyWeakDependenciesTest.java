package dev.peerget.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The slicer follows the weak dependencies of the candidates a plan is likely to install only (the first
 * alternative of each relation), and the resolver extends the slice when the plan installs another one.
 */
class LazyWeakDependenciesTest extends Fixture {

    @Test
    void theRecommendsOfASecondAlternativeAreNotLookedUpWhenTheFirstIsInstalled() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").recommends("docs | docs-alt");
        repo.pkg("docs", "1");
        repo.pkg("docs-alt", "1").recommends("heavy");
        repo.pkg("heavy", "1").depends("heavy-lib");
        repo.pkg("heavy-lib", "1");
        assertThat(changes(solved(repo, request(install("app"))))).containsExactly("+app=1", "+docs=1");
        assertThat(repo.universe().looked).contains("docs-alt").doesNotContain("heavy", "heavy-lib");
        // the complete slice, as a solver testcase writes it, still holds them
        assertThat(Reachable.candidates(repo.universe(), request(install("app"))))
                .extracting(Candidate::name).contains("heavy", "heavy-lib");
    }

    @Test
    void aSecondAlternativeThePlanRecommendsInHasItsOwnRecommendsMet() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").recommends("docs | docs-alt");
        repo.pkg("docs", "1").conflicts("keep");
        repo.pkg("keep", "1").installed();
        repo.pkg("docs-alt", "1").recommends("fonts");
        repo.pkg("fonts", "1").depends("fonts-lib");
        repo.pkg("fonts-lib", "1");
        assertThat(changes(solved(repo, request(install("app")))))
                .containsExactly("+app=1", "+docs-alt=1", "+fonts-lib=1", "+fonts=1");
    }

    @Test
    void aSecondAlternativeOfAHardDependencyHasItsRecommendsMet() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").depends("mta | mail-transport-agent");
        repo.pkg("mta", "1").conflicts("keep");
        repo.pkg("keep", "1").installed();
        repo.pkg("postfix", "1").provides("mail-transport-agent").recommends("postfix-doc");
        repo.pkg("postfix-doc", "1");
        assertThat(changes(solved(repo, request(install("app")))))
                .containsExactly("+app=1", "+postfix-doc=1", "+postfix=1");
        assertThat(changes(solved(repo, noWeak(install("app"))))).containsExactly("+app=1", "+postfix=1");
    }

    @Test
    void theProviderOfAVirtualPackageThePlanChoosesHasItsRecommendsMet() {
        TestRepo repo = new TestRepo();
        repo.pkg("desktop", "1").recommends("x-terminal-emulator");
        repo.pkg("term-a", "1").provides("x-terminal-emulator").recommends("term-a-themes");
        repo.pkg("term-a-themes", "1");
        repo.pkg("term-b", "1").provides("x-terminal-emulator").conflicts("keep");
        repo.pkg("keep", "1").installed();
        assertThat(changes(solved(repo, request(install("desktop")))))
                .containsExactly("+desktop=1", "+term-a-themes=1", "+term-a=1");
    }
}
