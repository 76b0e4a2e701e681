package dev.peerget.installer.deb;

import static dev.peerget.installer.deb.ControlRecords.control;
import static dev.peerget.installer.deb.ControlRecords.install;
import static dev.peerget.installer.deb.ControlRecords.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.installer.InstallerException;
import dev.peerget.installer.Step;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.deb.DebianRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpkgOrderingTest {
    private static final DebianRules RULES = new DebianRules("amd64");

    /** Batches as "KIND a b c" lines, for readable assertions. */
    static List<String> describe(List<DpkgOrdering.Batch> batches) {
        return batches.stream().map(b -> b.kind() + " " + String.join(" ",
                b.steps().stream().map(Step::name).toList())).toList();
    }

    private static List<String> order(List<Step> steps, List<PackageRecord> installed) {
        return describe(DpkgOrdering.order(steps, installed, RULES));
    }

    @Test
    void independentPackagesAreUnpackedThenConfiguredInOneStage() {
        assertThat(order(List.of(install(control("b")), install(control("a"))), List.of()))
                .containsExactly("UNPACK a b", "CONFIGURE a b");
    }

    @Test
    void dependenciesComeBeforeTheirDependentsWithinAStage() {
        PackageRecord hello = control("pg-hello", "Depends: pg-libgreet (>= 1.0), pg-data");
        assertThat(order(List.of(install(hello), install(control("pg-libgreet")), install(control("pg-data"))),
                List.of())).containsExactly("UNPACK pg-data pg-libgreet pg-hello",
                "CONFIGURE pg-data pg-libgreet pg-hello");
    }

    @Test
    void preDependencyIsConfiguredInAnEarlierStageAndEverythingElseWaitsForTheLastOne() {
        // apt-get -o Debug::pkgDPkgPM=1 install pg-pre pg-hello: unpack+configure pg-base alone, then the rest.
        PackageRecord pre = control("pg-pre", "Pre-Depends: pg-base");
        assertThat(order(List.of(install(pre), install(control("pg-hello")), install(control("pg-base"))),
                List.of())).containsExactly("UNPACK pg-base", "CONFIGURE pg-base",
                "UNPACK pg-hello pg-pre", "CONFIGURE pg-hello pg-pre");
    }

    @Test
    void preDependencyBringsItsOwnDependenciesIntoTheEarlierStage() {
        PackageRecord a = control("a", "Pre-Depends: b");
        PackageRecord b = control("b", "Depends: c");
        assertThat(order(List.of(install(a), install(b), install(control("c"))), List.of()))
                .containsExactly("UNPACK c b", "CONFIGURE c b", "UNPACK a", "CONFIGURE a");
    }

    @Test
    void chainedPreDependenciesMakeOneStageEach() {
        PackageRecord a = control("a", "Pre-Depends: b");
        PackageRecord b = control("b", "Pre-Depends: c");
        assertThat(order(List.of(install(a), install(b), install(control("c"))), List.of()))
                .containsExactly("UNPACK c", "CONFIGURE c", "UNPACK b", "CONFIGURE b", "UNPACK a", "CONFIGURE a");
    }

    @Test
    void cycleIsUnpackedAndConfiguredTogether() {
        PackageRecord a = control("pg-cyc-a", "Depends: pg-cyc-b");
        PackageRecord b = control("pg-cyc-b", "Depends: pg-cyc-a");
        PackageRecord user = control("user", "Depends: pg-cyc-a");
        assertThat(order(List.of(install(user), install(a), install(b)), List.of()))
                .containsExactly("UNPACK pg-cyc-a pg-cyc-b user", "CONFIGURE pg-cyc-a pg-cyc-b user");
    }

    @Test
    void virtualPackagesOrderLikeRealOnes() {
        PackageRecord user = control("pg-virtual-user", "Depends: pg-mailer");
        PackageRecord mta = control("pg-mta-b", "Provides: pg-mailer (= 2.0)");
        PackageRecord pre = control("pre-user", "Pre-Depends: pg-mailer");
        assertThat(order(List.of(install(user), install(mta), install(pre)), List.of()))
                .containsExactly("UNPACK pg-mta-b", "CONFIGURE pg-mta-b",
                        "UNPACK pg-virtual-user pre-user", "CONFIGURE pg-virtual-user pre-user");
    }

    @Test
    void removalsComeFirstWithDependentsBeforeTheirDependenciesThenPurges() {
        PackageRecord user = control("pg-virtual-user", "Depends: pg-mailer");
        PackageRecord mtaA = control("pg-mta-a", "Provides: pg-mailer", "Conflicts: pg-mta-b");
        PackageRecord conf = control("pg-conf");
        PackageRecord mtaB = control("pg-mta-b", "Provides: pg-mailer", "Conflicts: pg-mta-a");
        List<Step> steps = List.of(install(mtaB), Step.Remove.of("pg-mta-a", "amd64"),
                Step.Remove.of("pg-virtual-user", "amd64"), Step.Remove.purge("pg-conf", "amd64"));
        assertThat(order(steps, List.of(user, mtaA, conf))).containsExactly(
                "REMOVE pg-virtual-user pg-mta-a", "PURGE pg-conf", "UNPACK pg-mta-b", "CONFIGURE pg-mta-b");
    }

    @Test
    void preDependencyInsideACycleMetByTheInstalledVersionUnpacksTheDependentFirst() {
        PackageRecord oldLib = control("lib", "Version: 1.0-1");
        PackageRecord app = control("app", "Pre-Depends: lib (>= 1.0)");
        PackageRecord lib = control("lib", "Version: 2.0-1", "Depends: app");
        assertThat(order(List.of(upgrade(lib), install(app)), List.of(oldLib)))
                .containsExactly("UNPACK app lib", "CONFIGURE app lib");
    }

    @Test
    void preDependencyInsideACycleThatNothingInstalledMeetsIsRefusedBeforeDpkgRuns() {
        PackageRecord app = control("app", "Pre-Depends: lib");
        PackageRecord lib = control("lib", "Depends: app");
        assertThatThrownBy(() -> DpkgOrdering.order(List.of(install(app), install(lib)), List.of(), RULES))
                .isInstanceOf(InstallerException.class)
                .hasMessageContaining("app pre-depends on lib, but lib depends back on app");
    }

    @Test
    void aPreDependencyMetByAPackageRemovedInTheSameTransactionDoesNotCount() {
        PackageRecord oldLib = control("oldlib", "Provides: libapi");
        PackageRecord app = control("app", "Pre-Depends: libapi");
        PackageRecord lib = control("lib", "Provides: libapi", "Depends: app");
        assertThatThrownBy(() -> DpkgOrdering.order(List.of(install(app), install(lib),
                Step.Remove.of("oldlib", "amd64")), List.of(oldLib), RULES))
                .isInstanceOf(InstallerException.class).hasMessageContaining("pre-depends on libapi");
    }

    @Test
    void aBreakerIsUnpackedAfterThePackageItBreaksIsUpgradedPastTheBreaks() {
        PackageRecord oldHello = control("pg-hello", "Version: 1.0-1");
        PackageRecord breaker = control("pg-breaker", "Breaks: pg-hello (<< 2.0)");
        PackageRecord hello = control("pg-hello", "Version: 2.0-1");
        // By name, pg-breaker would come first; the Breaks moves the pg-hello upgrade before it.
        assertThat(order(List.of(install(breaker), upgrade(hello)), List.of(oldHello)))
                .containsExactly("UNPACK pg-hello pg-breaker", "CONFIGURE pg-hello pg-breaker");
    }

    @Test
    void anInstalledVersionThatBreaksANewPackageIsUpgradedFirst() {
        PackageRecord oldZ = control("z", "Version: 1.0-1", "Breaks: a");
        PackageRecord z = control("z", "Version: 2.0-1");
        assertThat(order(List.of(install(control("a")), upgrade(z)), List.of(oldZ)))
                .containsExactly("UNPACK z a", "CONFIGURE z a");
    }

    @Test
    void architectureQualifiedStepsKeepTheirArchitecture() {
        List<DpkgOrdering.Batch> batches = DpkgOrdering.order(List.of(install(control("a", "Architecture: all"))),
                List.of(), RULES);
        assertThat(DpkgCommand.operation(batches.get(1))).containsExactly("--configure", "a:all");
        assertThat(DpkgCommand.operation(batches.get(0))).containsExactly("--auto-deconfigure", "--unpack",
                "/pool/a.deb");
    }
}
