package dev.peerget.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unsatisfiable requests: the core is minimal and reads as a chain from the job to the dead end. */
class ExplanationTest extends Fixture {

    @Test
    void chainFromTheJobToTheMissingVersion() {
        TestRepo repo = new TestRepo();
        repo.pkg("design-desktop", "1").depends("webext-dav4tbsync", "unrelated-ok");
        repo.pkg("unrelated-ok", "1");
        repo.pkg("webext-dav4tbsync", "4.8").depends("webext-tbsync (>= 4.7)");
        repo.pkg("webext-tbsync", "4.8").depends("thunderbird (<= 128.99)");
        repo.pkg("thunderbird", "140.1");
        Problem p = unsat(repo, request(install("design-desktop"))).problems().get(0);
        assertThat(p.chain()).extracting(Explanation::message).containsExactly(
                "you asked for install design-desktop",
                "design-desktop 1 amd64 depends on webext-dav4tbsync",
                "webext-dav4tbsync 4.8 amd64 depends on webext-tbsync (>= 4.7)",
                "webext-tbsync 4.8 amd64 depends on thunderbird (<= 128.99)",
                "webext-tbsync 4.8 amd64 needs thunderbird (<= 128.99), which no available package provides");
        assertThat(p.hints()).anyMatch(h -> h.contains("thunderbird (<= 128.99)"));
    }

    @Test
    void conflictCoreIsMinimalAndEndsInTheClash() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").depends("b", "noise1");
        repo.pkg("noise1", "1").depends("noise2");
        repo.pkg("noise2", "1");
        repo.pkg("b", "1").depends("c");
        repo.pkg("c", "1").conflicts("d");
        repo.pkg("d", "1").installed().essential();
        Problem p = unsat(repo, request(install("a"))).problems().get(0);
        List<Explanation> chain = p.chain();
        assertThat(chain.get(0)).isInstanceOf(Explanation.Requested.class);
        assertThat(chain).noneMatch(e -> e.message().contains("noise"));
        assertThat(chain).hasSize(5);
        assertThat(chain).filteredOn(e -> e instanceof Explanation.Conflict).hasSize(1);
        assertThat(chain.subList(1, 3)).allMatch(e -> e instanceof Explanation.Depends);
        assertThat(chain.get(3)).isInstanceOf(Explanation.Conflict.class);
        assertThat(chain.get(4)).isInstanceOf(Explanation.MustStay.class);
        assertThat(p.hints()).anyMatch(h -> h.contains("essential"));
    }

    @Test
    void missingPackageIsReportedWithTheRequest() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1");
        Problem p = unsat(repo, request(install("nosuch"))).problems().get(0);
        assertThat(p.chain()).hasSize(2);
        assertThat(p.chain().get(0)).isInstanceOf(Explanation.Requested.class);
        assertThat(p.chain().get(1)).isInstanceOf(Explanation.Unsatisfiable.class);
    }

    @Test
    void independentProblemsAreReportedSeparately() {
        TestRepo repo = new TestRepo();
        repo.pkg("ok", "1");
        Resolution.Unsatisfiable u = unsat(repo, request(install("nosuch1"), install("ok"), install("nosuch2")));
        assertThat(u.problems()).hasSize(2);
        assertThat(u.problems().get(0).chain().get(0).message()).contains("nosuch1");
        assertThat(u.problems().get(1).chain().get(0).message()).contains("nosuch2");
    }

    @Test
    void safeUpgradeCannotInstallNewPackagesForAnInstall() {
        TestRepo repo = new TestRepo();
        repo.pkg("a", "1").installed();
        repo.pkg("b", "1");
        Resolution.Unsatisfiable u = unsat(repo, request(new Job.Upgrade(List.of(), false), install("b")));
        assertThat(u.problems().get(0).hints()).anyMatch(h -> h.contains("full-upgrade"));
    }
}
