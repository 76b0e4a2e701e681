package dev.peerget.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.model.Op;
import dev.peerget.model.VersionConstraint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SatResolverTest extends Fixture {

    @Test
    void installsAChainOfDependencies() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").depends("b");
        repo.pkg("b", "1").depends("c (>= 2)");
        repo.pkg("c", "1");
        repo.pkg("c", "2");
        repo.pkg("unrelated", "1");
        Plan plan = solved(repo, request(install("a")));
        assertThat(changes(plan)).containsExactly("+a=1", "+b=1", "+c=2");
        assertThat(plan.actions()).filteredOn(a -> a.to().name().equals("a")).allMatch(a -> !a.automatic());
        assertThat(plan.actions()).filteredOn(a -> !a.to().name().equals("a")).allMatch(Action::automatic);
        assertThat(repo.universe().looked).doesNotContain("unrelated");
    }

    @Test
    void prefersNewestVersionAndHigherPreference() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1");
        repo.pkg("a", "3");
        repo.pkg("a", "2").preference(990);
        assertThat(changes(solved(repo, request(install("a"))))).containsExactly("+a=2");
    }

    @Test
    void alternativesPickTheSmallestPlanAndReuseInstalled() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").depends("big | small");
        repo.pkg("big", "1").depends("x", "y");
        repo.pkg("x", "1");
        repo.pkg("y", "1");
        repo.pkg("small", "1");
        assertThat(changes(solved(repo, request(install("a"))))).containsExactly("+a=1", "+small=1");

        TestRepo repo2 = new TestRepo();
        repo2.pkg("a", "1").depends("one | two");
        repo2.pkg("one", "1");
        repo2.pkg("two", "1").installed();
        assertThat(changes(solved(repo2, request(install("a"))))).containsExactly("+a=1");
    }

    @Test
    void virtualPackagesAndVersionedProvides() {
        TestRepo repo = new TestRepo();
        repo.pkg("mua", "1").depends("mail-transport-agent");
        repo.pkg("postfix", "1").provides("mail-transport-agent").depends("libfoo");
        repo.pkg("libfoo", "1");
        repo.pkg("exim", "1").provides("mail-transport-agent");
        repo.pkg("tool", "1").depends("api (>= 2)");
        repo.pkg("impl-old", "1").provides("api", "1");
        repo.pkg("impl-new", "1").provides("api", "2");
        repo.pkg("impl-unversioned", "1").provides("api");
        assertThat(changes(solved(repo, request(install("mua"))))).containsExactly("+exim=1", "+mua=1");
        assertThat(changes(solved(repo, request(install("tool"))))).containsExactly("+impl-new=1", "+tool=1");
        // installing a virtual name directly picks a provider
        assertThat(changes(solved(repo, request(install("mail-transport-agent"))))).containsExactly("+exim=1");
    }

    @Test
    void fileDependencies() {
        TestRepo repo = new TestRepo();
        repo.pkg("script", "1").depends("/usr/bin/perl");
        repo.pkg("perl", "5").file("/usr/bin/perl");
        assertThat(changes(solved(repo, request(install("script"))))).containsExactly("+perl=5", "+script=1");
    }

    @Test
    void conflictsRemoveTheInstalledPackageOnlyWhenNeeded() {
        TestRepo repo = new TestRepo();
        repo.pkg("exim", "1").provides("mta").conflicts("mta").installed();
        repo.pkg("postfix", "1").provides("mta").conflicts("mta");
        repo.pkg("mailer", "1").depends("mta").installed();
        Plan plan = solved(repo, request(install("postfix")));
        assertThat(changes(plan)).containsExactly("+postfix=1", "-exim=1");
        assertThat(plan.actions(Action.Kind.REMOVE)).allMatch(Action::automatic);
    }

    @Test
    void breaksForceAnUpgradeOfTheBrokenPackage() {
        TestRepo r = new TestRepo();
        r.pkg("lib", "1").installed();
        r.pkg("lib", "2").breaks("app (<< 2)");
        r.pkg("app", "1").depends("lib").installed();
        r.pkg("app", "2").depends("lib (>= 2)");
        r.pkg("new", "1").depends("lib (>= 2)");
        assertThat(changes(solved(r, request(install("new"))))).containsExactly("+new=1", "app=1>2", "lib=1>2");
    }

    @Test
    void oneVersionPerNameUnlessTheyMayCoexist() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").depends("lib (= 1)");
        repo.pkg("b", "1").depends("lib (= 2)");
        repo.pkg("lib", "1");
        repo.pkg("lib", "2");
        Resolution.Unsatisfiable u = unsat(repo, request(install("a"), install("b")));
        assertThat(u.problems().get(0).chain()).anyMatch(e -> e instanceof Explanation.SingleVersion);

        TestRepo k = new TestRepo();
        k.pkg("kernel", "5").installed();
        k.pkg("kernel", "6");
        Plan plan = solved(k, request(new Job.Install("kernel", new VersionConstraint(Op.EQ, "6"), null, null)));
        assertThat(changes(plan)).containsExactly("+kernel=6");

        TestRepo ma = new TestRepo();
        ma.pkg("libc", "1", "amd64").multiArchSame().installed();
        ma.pkg("libc", "1", "i386").multiArchSame();
        Plan both = solved(ma, request(new Job.Install("libc", null, "i386", null)));
        assertThat(changes(both)).containsExactly("+libc=1");
    }

    @Test
    void upgradesOnlyWhatIsAskedAndReportsKeptBack() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").installed();
        repo.pkg("a", "2");
        repo.pkg("b", "1").installed();
        repo.pkg("b", "2");
        Plan install = solved(repo, request(install("a")));
        assertThat(changes(install)).containsExactly("a=1>2");
        assertThat(install.notUpgraded()).extracting(Candidate::name).containsExactly("b");

        Plan all = solved(repo, request(new Job.Upgrade(List.of(), true)));
        assertThat(changes(all)).containsExactly("a=1>2", "b=1>2");
        assertThat(all.notUpgraded()).isEmpty();
        assertThat(all.actions()).allMatch(a -> !a.automatic());
    }

    @Test
    void upgradeWithoutChangesKeepsBackWhatNeedsNewPackages() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").installed();
        repo.pkg("a", "2").depends("newdep");
        repo.pkg("newdep", "1");
        repo.pkg("b", "1").installed();
        repo.pkg("b", "2");
        Plan safe = solved(repo, request(new Job.Upgrade(List.of(), false)));
        assertThat(changes(safe)).containsExactly("b=1>2");
        assertThat(safe.notUpgraded()).extracting(Candidate::name).containsExactly("a");
        Plan full = solved(repo, request(new Job.Upgrade(List.of(), true)));
        assertThat(changes(full)).containsExactly("+newdep=1", "a=1>2", "b=1>2");
    }

    @Test
    void removalCascadesToDependentsOnly() {
        TestRepo repo = new TestRepo();
        repo.pkg("lib", "1").installed();
        repo.pkg("app", "1").depends("lib").installed();
        repo.pkg("tool", "1").depends("app").installed();
        repo.pkg("other", "1").depends("lib2 | lib").installed();
        repo.pkg("lib2", "1");
        repo.pkg("free", "1").installed();
        Plan plan = solved(repo, request(remove("lib")));
        // other switches to its alternative rather than being removed
        assertThat(changes(plan)).containsExactly("+lib2=1", "-app=1", "-lib=1", "-tool=1");
        assertThat(plan.actions(Action.Kind.REMOVE)).filteredOn(a -> a.from().name().equals("lib"))
                .allMatch(a -> !a.automatic());
    }

    @Test
    void heldPackagesStayAndExplainThemselves() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").installed();
        repo.pkg("a", "2");
        repo.pkg("b", "1").installed();
        repo.pkg("b", "2");
        Request upgrade = new Request(List.of(new Job.Upgrade(List.of(), true)), true, false, Set.of("a"), Set.of(),
                Duration.ofSeconds(10));
        Plan plan = solved(repo, upgrade);
        assertThat(changes(plan)).containsExactly("b=1>2");
        assertThat(plan.notUpgraded()).extracting(Candidate::name).containsExactly("a");

        repo.pkg("c", "1").depends("a (>= 2)");
        Request install = new Request(List.of(install("c")), true, false, Set.of("a"), Set.of(), Duration.ofSeconds(10));
        Problem p = unsat(repo, install).problems().get(0);
        assertThat(p.chain()).anyMatch(e -> e instanceof Explanation.MustStay m && m.why().equals("held"));
        assertThat(p.hints()).anyMatch(h -> h.contains("a is held"));
    }

    @Test
    void essentialPackagesAreNotRemovedImplicitly() {
        TestRepo repo = new TestRepo();
        repo.pkg("coreutils", "1").essential().installed();
        repo.pkg("rust-coreutils", "1").conflicts("coreutils");
        Problem p = unsat(repo, request(install("rust-coreutils"))).problems().get(0);
        assertThat(p.chain()).anyMatch(e -> e instanceof Explanation.MustStay m && m.why().equals("essential"));
        assertThat(changes(solved(repo, request(install("rust-coreutils"), remove("coreutils")))))
                .containsExactly("+rust-coreutils=1", "-coreutils=1");
    }

    @Test
    void downgradesNeedPermissionOrAnExplicitVersion() {
        TestRepo repo = new TestRepo();
        repo.pkg("lib", "1");
        repo.pkg("lib", "2").installed();
        repo.pkg("legacy", "1").depends("lib (<< 2)");
        Problem p = unsat(repo, request(install("legacy"))).problems().get(0);
        assertThat(p.hints()).anyMatch(h -> h.contains("allow downgrades"));
        Request allowed = new Request(List.of(install("legacy")), true, true, Set.of(), Set.of(), Duration.ofSeconds(5));
        assertThat(changes(solved(repo, allowed))).containsExactly("+legacy=1", "lib=2<1");
        Job exact = new Job.Install("lib", new VersionConstraint(Op.EQ, "1"), null, null);
        assertThat(changes(solved(repo, request(exact)))).containsExactly("lib=2<1");
    }

    /** apt's pins of 1000 or more: a downgradable name moves to its best build only when a job targets it. */
    @Test
    void downgradableNamesMoveToTheirBestBuildOnlyWhenTargeted() {
        TestRepo repo = new TestRepo();
        repo.pkg("tool", "1").preference(1001);
        repo.pkg("tool", "2").installed();
        repo.pkg("lib", "1").preference(1001);
        repo.pkg("lib", "2").installed();
        Request upgrade = request(new Job.Upgrade(List.of(), false));
        assertThat(changes(solved(repo, upgrade))).as("not downgradable").isEmpty();
        assertThat(changes(solved(repo, upgrade.withDowngradable(Set.of("tool"))))).containsExactly("tool=2<1");
        assertThat(changes(solved(repo, request(install("tool")).withDowngradable(Set.of("tool", "lib")))))
                .as("lib is not targeted").containsExactly("tool=2<1");
    }

    @Test
    void cyclesAreFine() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").depends("b");
        repo.pkg("b", "1").depends("c");
        repo.pkg("c", "1").depends("a");
        assertThat(changes(solved(repo, request(install("b"))))).containsExactly("+a=1", "+b=1", "+c=1");
    }

    @Test
    void weakDependenciesInstalledWhenPossibleSkippedWhenConflicting() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").recommends("docs", "plugin", "missing").suggests("extra");
        repo.pkg("docs", "1").recommends("fonts");
        repo.pkg("fonts", "1");
        repo.pkg("plugin", "1").conflicts("keep");
        repo.pkg("keep", "1").installed();
        repo.pkg("extra", "1");
        assertThat(changes(solved(repo, request(install("app")))))
                .containsExactly("+app=1", "+docs=1", "+fonts=1");
        assertThat(changes(solved(repo, noWeak(install("app"))))).containsExactly("+app=1");
    }

    @Test
    void aRecommendationCloserToTheRequestWinsOverADeeperOneItExcludes() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").recommends("docs", "theme");
        repo.pkg("docs", "1").recommends("viewer");
        repo.pkg("viewer", "1").conflicts("theme");
        repo.pkg("theme", "1");
        repo.pkg("unmeetable", "1").conflicts("app");
        repo.pkg("tool", "1").recommends("unmeetable", "helper");
        repo.pkg("helper", "1");
        // viewer (recommended by a recommendation) would exclude theme (recommended by app itself)
        assertThat(changes(solved(repo, request(install("app")))))
                .containsExactly("+app=1", "+docs=1", "+theme=1");
        // a recommendation that can never be met does not stop the others
        assertThat(changes(solved(repo, request(install("app"), install("tool")))))
                .containsExactly("+app=1", "+docs=1", "+helper=1", "+theme=1", "+tool=1");
    }

    @Test
    void supplementsPullInLanguagePacks() {
        TestRepo repo = new TestRepo();
        repo.pkg("office", "1");
        repo.pkg("office-langpack-de", "1").supplements("office");
        repo.pkg("unrelated-langpack", "1").supplements("other");
        assertThat(changes(solved(repo, request(install("office")))))
                .containsExactly("+office-langpack-de=1", "+office=1");
    }

    @Test
    void autoremoveSweepsUnneededAutomaticPackages() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").depends("lib").recommends("docs").installed();
        repo.pkg("lib", "1").installed();
        repo.pkg("docs", "1").installed();
        repo.pkg("orphan", "1").depends("orphan-lib").installed();
        repo.pkg("orphan-lib", "1").installed();
        repo.pkg("manual-leaf", "1").installed();
        Request r = new Request(List.of(new Job.Autoremove()), true, false, Set.of(),
                Set.of("lib", "docs", "orphan", "orphan-lib"), Duration.ofSeconds(5));
        Plan plan = solved(repo, r);
        assertThat(changes(plan)).containsExactly("-orphan-lib=1", "-orphan=1");
        assertThat(plan.actions()).allMatch(Action::automatic);
    }

    @Test
    void cleanDependenciesRemovesWhatOnlyTheRemovedPackageNeededLikeDnf() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").depends("lib").installed();
        repo.pkg("lib", "1").depends("lib-data").depends("shared").installed();
        repo.pkg("lib-data", "1").installed();
        repo.pkg("shared", "1").installed();
        repo.pkg("editor", "1").depends("shared").installed();
        repo.pkg("orphan", "1").installed();
        Request remove = new Request(List.of(new Job.Remove("app", null)), true, false, Set.of(),
                Set.of("lib", "lib-data", "shared", "orphan"), Duration.ofSeconds(5));

        Plan clean = solved(repo, remove.withCleanDependencies(true));
        // shared stays for editor; orphan was no dependency of app: both only named, as without the option
        assertThat(changes(clean)).containsExactly("-app=1", "-lib-data=1", "-lib=1");
        assertThat(clean.unneeded()).extracting(Candidate::name).containsExactly("orphan");
        assertThat(changes(solved(repo, remove))).as("apt: the dependencies stay").containsExactly("-app=1");
    }

    @Test
    void cleanDependenciesKeepsADependencyThatAnUnneededPackageStillUses() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").depends("lib").installed();
        repo.pkg("lib", "1").installed();
        repo.pkg("tool", "1").depends("lib").installed(); // automatic and unneeded, but no dependency of app
        Request remove = new Request(List.of(new Job.Remove("app", null)), true, false, Set.of(),
                Set.of("lib", "tool"), Duration.ofSeconds(5)).withCleanDependencies(true);
        Plan plan = solved(repo, remove);
        assertThat(changes(plan)).containsExactly("-app=1");
        assertThat(plan.unneeded()).extracting(Candidate::name).containsExactlyInAnyOrder("lib", "tool");
    }

    @Test
    void withoutAnAutoremoveJobTheUnneededPackagesAreOnlyNamed() {
        TestRepo repo = new TestRepo();
        repo.pkg("app", "1").depends("lib").installed();
        repo.pkg("lib", "1").depends("lib-data").installed();
        repo.pkg("lib-data", "1").installed();
        repo.pkg("orphan", "1").installed();
        Request r = new Request(List.of(new Job.Remove("app", null)), true, false, Set.of(),
                Set.of("lib", "lib-data", "orphan"), Duration.ofSeconds(5));
        Plan plan = solved(repo, r);
        assertThat(changes(plan)).containsExactly("-app=1");
        assertThat(plan.unneeded()).extracting(Candidate::name).containsExactly("lib", "lib-data", "orphan");
        Request none = new Request(List.of(new Job.Remove("orphan", null)), true, false, Set.of(), Set.of("lib"),
                Duration.ofSeconds(5));
        assertThat(solved(repo, none).unneeded()).as("app needs lib").isEmpty();
        Request auto = new Request(List.of(new Job.Autoremove(), new Job.Remove("app", null)), true, false, Set.of(),
                Set.of("lib", "lib-data", "orphan"), Duration.ofSeconds(5));
        assertThat(solved(repo, auto).unneeded()).as("removed instead").isEmpty();
    }

    @Test
    void reinstallAndAlreadyInstalledNoOp() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").installed();
        assertThat(solved(repo, request(install("a"))).isEmpty()).isTrue();
        assertThat(changes(solved(repo, request(new Job.Reinstall("a"))))).containsExactly("*a=1");
        assertThat(unsat(repo, request(new Job.Reinstall("nope"))).problems()).hasSize(1);
    }

    @Test
    void installedBrokenDependencyIsRepairedByInstalling() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").depends("b").installed();
        repo.pkg("b", "1");
        repo.pkg("c", "1");
        assertThat(changes(solved(repo, request(install("c"))))).containsExactly("+b=1", "+c=1");
    }

    @Test
    void exactBuildAndSourceAndArchFilters() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1");
        repo.pkg("a", "2");
        repo.pkg("a", "2", "i386");
        assertThat(changes(solved(repo, request(new Job.InstallExactly(repo.get("a", "1")))))).containsExactly("+a=1");
        Plan i386 = solved(repo, request(new Job.Install("a", null, "i386", null)));
        assertThat(i386.actions()).singleElement().matches(a -> a.to().record().arch().equals("i386"));
        assertThat(unsat(repo, request(new Job.Install("a", null, null, "elsewhere"))).problems()).hasSize(1);
    }

    @Test
    void timesOutOnATinyBudget() {
        Resolution r = RESOLVER.resolve(HardInstances.pigeonHoles(9),
                new Request(List.of(install("root")), false, false, Set.of(), Set.of(), Duration.ofMillis(50)));
        assertThat(r).isInstanceOf(Resolution.TimedOut.class);
    }
}
