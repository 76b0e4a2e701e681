package dev.peerget.resolver;

import static dev.peerget.model.RelationKind.CONFLICTS;
import static dev.peerget.model.RelationKind.DEPENDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.model.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rpm boolean dependencies, each form on its own. */
class RichDependencyTest extends Fixture {

    private static Requirement a(String s) {
        return TestRepo.atom(s);
    }

    @Test
    void allOfNeedsEveryOperand() {
        TestRepo repo = new TestRepo();
        repo.pkg("x", "1").rich(DEPENDS, new Requirement.AllOf(List.of(a("p"), a("q"))), "(p and q)");
        repo.pkg("p", "1");
        repo.pkg("q", "1");
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+p=1", "+q=1", "+x=1");
    }

    @Test
    void ifRequiresThenOnlyWhenTheConditionIsInstalled() {
        TestRepo repo = new TestRepo();
        Requirement dep = new Requirement.If(a("plugin-gtk"), a("gtk"), null);
        repo.pkg("x", "1").rich(DEPENDS, dep, "(plugin-gtk if gtk)");
        repo.pkg("plugin-gtk", "1");
        repo.pkg("gtk", "1");
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+x=1");
        repo.pkg("gtk", "1").installed();
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+plugin-gtk=1", "+x=1");
    }

    @Test
    void ifElseTakesTheOtherBranch() {
        TestRepo repo = new TestRepo();
        Requirement dep = new Requirement.If(a("for-gtk"), a("gtk"), a("for-tty"));
        repo.pkg("x", "1").rich(DEPENDS, dep, "(for-gtk if gtk else for-tty)");
        repo.pkg("for-gtk", "1");
        repo.pkg("for-tty", "1");
        repo.pkg("gtk", "1");
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+for-tty=1", "+x=1");
    }

    @Test
    void unlessRequiresThenWhenTheConditionIsAbsent() {
        TestRepo repo = new TestRepo();
        Requirement dep = new Requirement.Unless(a("fallback"), a("native"), null);
        repo.pkg("x", "1").rich(DEPENDS, dep, "(fallback unless native)");
        repo.pkg("fallback", "1").depends("a", "b");
        repo.pkg("a", "1");
        repo.pkg("b", "1");
        repo.pkg("native", "1");
        // installing "native" (1 package) beats "fallback" (3 packages)
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+native=1", "+x=1");
    }

    @Test
    void withNeedsOnePackageSatisfyingAllOperands() {
        TestRepo repo = new TestRepo();
        Requirement dep = new Requirement.With(List.of(a("font"), a("lang-de")));
        repo.pkg("x", "1").rich(DEPENDS, dep, "(font with lang-de)");
        repo.pkg("font-en", "1").provides("font").provides("lang-en");
        repo.pkg("lang-de-only", "1").provides("lang-de");
        repo.pkg("font-de", "1").provides("font").provides("lang-de");
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+font-de=1", "+x=1");
    }

    @Test
    void withoutExcludesProvidersOfTheSecondOperand() {
        TestRepo repo = new TestRepo();
        Requirement dep = new Requirement.Without(a("editor"), a("gui"));
        repo.pkg("x", "1").rich(DEPENDS, dep, "(editor without gui)");
        repo.pkg("gedit", "1").provides("editor").provides("gui");
        repo.pkg("vim", "1").provides("editor").depends("vim-common");
        repo.pkg("vim-common", "1");
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+vim-common=1", "+vim=1", "+x=1");
    }

    @Test
    void builtInAtomsAreAlwaysSatisfied() {
        TestRepo repo = new TestRepo();
        repo.pkg("x", "1").rich(DEPENDS, Requirement.Atom.of("rpmlib(PayloadIsZstd)"), "rpmlib(PayloadIsZstd)");
        assertThat(changes(solved(repo, request(install("x"))))).containsExactly("+x=1");
    }

    @Test
    void richConflictExcludesTheCombinationOnly() {
        TestRepo repo = new TestRepo();
        repo.pkg("x", "1").rich(CONFLICTS, new Requirement.AllOf(List.of(a("p"), a("q"))), "(p and q)");
        repo.pkg("p", "1").installed();
        repo.pkg("q", "1").installed();
        repo.pkg("r", "1").depends("p").installed();
        Plan plan = solved(repo, request(install("x")));
        assertThat(changes(plan)).containsExactly("+x=1", "-q=1");
    }
}
