package dev.peerget.installer.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.installer.Action;
import dev.peerget.installer.Step;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.rpm.RpmRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpmPlanTest {
    private static final RpmRules RULES = new RpmRules(RpmRules.DNF_INSTALLONLY_PKGS);

    private static PackageRecord rpm(String name, String version, Relation... relations) {
        return PackageRecord.builder(PackageFormat.RPM, name, version, "x86_64").relations(List.of(relations)).build();
    }

    private static Relation rel(RelationKind kind, String name) {
        return new Relation(kind, Requirement.Atom.of(name), name);
    }

    private static Step.Install install(Action action, PackageRecord r) {
        return new Step.Install(action, r, Path.of("/p/" + r.name() + "-" + r.version() + ".rpm"), false);
    }

    private static List<String> describe(List<RpmPlan.Phase> phases) {
        return phases.stream().map(p -> p.kind() + " " + String.join(" ",
                p.steps().stream().map(s -> s.action() + ":" + s.name()).toList())).toList();
    }

    @Test
    void installsAndUpgradesShareOneTransaction() {
        assertThat(describe(RpmPlan.plan(List.of(install(Action.INSTALL, rpm("a", "1-1")),
                install(Action.UPGRADE, rpm("b", "2-1"))), List.of(rpm("b", "1-1")), RULES)))
                .containsExactly("UPGRADE INSTALL:a UPGRADE:b");
    }

    @Test
    void pureRemovalsAreOneErase() {
        assertThat(describe(RpmPlan.plan(List.of(Step.Remove.of("a", "x86_64"), Step.Remove.of("b", "x86_64")),
                List.of(rpm("a", "1-1"), rpm("b", "1-1")), RULES))).containsExactly("ERASE REMOVE:a REMOVE:b");
    }

    @Test
    void aRemovalThatAnInstallObsoletesHappensInsideTheUpgrade() {
        PackageRecord hello = rpm("pg-hello", "1.0-1", new Relation(RelationKind.OBSOLETES,
                new Requirement.Atom("pg-oldname", null,
                        new VersionConstraint(dev.peerget.model.Op.LT, "2.0")), "pg-oldname < 2.0"));
        assertThat(describe(RpmPlan.plan(List.of(install(Action.INSTALL, hello), Step.Remove.of("pg-oldname", "x86_64")),
                List.of(rpm("pg-oldname", "1.0-1")), RULES))).containsExactly("UPGRADE INSTALL:pg-hello REMOVE:pg-oldname");
        PackageRecord newer = rpm("pg-oldname", "3.0-1");
        assertThat(describe(RpmPlan.plan(List.of(install(Action.INSTALL, hello), Step.Remove.of("pg-oldname", "x86_64")),
                List.of(newer), RULES))).as("outside the Obsoletes range").containsExactly(
                "UPGRADE INSTALL:pg-hello", "ERASE REMOVE:pg-oldname");
    }

    @Test
    void aRemovalThatConflictsWithAnInstallIsErasedFirstOtherwiseAfter() {
        PackageRecord b = rpm("pg-mta-b", "2.0-1", rel(RelationKind.CONFLICTS, "pg-mta-a"));
        assertThat(describe(RpmPlan.plan(List.of(install(Action.INSTALL, b), Step.Remove.of("pg-mta-a", "x86_64")),
                List.of(rpm("pg-mta-a", "1.0-1")), RULES))).containsExactly("ERASE REMOVE:pg-mta-a",
                "UPGRADE INSTALL:pg-mta-b");
        PackageRecord a = rpm("pg-mta-a", "1.0-1", rel(RelationKind.CONFLICTS, "pg-mta-b"));
        assertThat(describe(RpmPlan.plan(List.of(install(Action.INSTALL, rpm("pg-mta-b", "2.0-1")),
                Step.Remove.of("pg-mta-a", "x86_64")), List.of(a), RULES))).as("conflict declared by the removed one")
                .containsExactly("ERASE REMOVE:pg-mta-a", "UPGRADE INSTALL:pg-mta-b");
        assertThat(describe(RpmPlan.plan(List.of(install(Action.INSTALL, rpm("postfix", "3-1")),
                Step.Remove.of("sendmail", "x86_64")), List.of(rpm("sendmail", "8-1")), RULES)))
                .as("no conflict: the replacement goes in first, so dependents of the removed one stay satisfied")
                .containsExactly("UPGRADE INSTALL:postfix", "ERASE REMOVE:sendmail");
    }

    @Test
    void anotherVersionOfAnInstallonlyPackageIsInstalledNextToTheOthers() {
        assertThat(describe(RpmPlan.plan(List.of(install(Action.INSTALL, rpm("kernel", "6.2-1")),
                install(Action.UPGRADE, rpm("b", "2-1"))), List.of(rpm("kernel", "6.1-1"), rpm("b", "1-1")), RULES)))
                .containsExactly("UPGRADE UPGRADE:b", "INSTALL INSTALL:kernel");
    }
}
