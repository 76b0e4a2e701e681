package dev.peerget.engine.solvertest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.engine.plan.PlanResult;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-written testcases in libsolv's documented format (test resources {@code solvertest/}): peerget reads
 * them, resolves them, and agrees with libsolv's {@code testsolv} on what gets installed, upgraded or erased.
 */
class TestcaseReaderTest {

    static Path resource(String name) throws Exception {
        return Path.of(TestcaseReaderTest.class.getResource("/solvertest/" + name).toURI());
    }

    /** The plan as libsolv words it: install/upgrade/erase NAME, or problem. */
    static List<String> asLibsolv(PlanResult r) {
        if (!(r.resolution() instanceof Resolution.Solved s)) {
            return List.of("problem");
        }
        List<String> out = new ArrayList<>();
        for (Action a : s.plan().actions()) {
            out.add(switch (a.kind()) {
                case REMOVE -> "erase " + a.from().name();
                default -> a.kind().name().toLowerCase(Locale.ROOT) + " " + a.to().name();
            });
        }
        return out.stream().sorted().toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "deb-alternatives.t | DEB | install exim4, install mutt",
        "rpm-rich.t         | RPM | install app, install lib, install plugin-cli, install shell",
        "deb-upgrade.t      | DEB | install newlib, upgrade editor, upgrade oldlib",
        "rpm-conflict.t     | RPM | problem",
        "rpm-installonly.t  | RPM | install kernel, upgrade bash",
        "rpm-obsoletes.t    | RPM | erase pg-oldname, install pg-hello, install pg-libgreet",
    })
    void handWrittenTestcasesResolveLikeLibsolv(String file, PackageFormat format, String expected) throws Exception {
        PlanResult r = new TestcaseReplay().replay(resource(file));
        assertThat(r.format()).isEqualTo(format);
        assertThat(asLibsolv(r)).isEqualTo(List.of(expected.split(", ")));
        dev.peerget.testing.Corpus.requireCommand("testsolv");
        Testsolv.Run libsolv = Testsolv.run(resource(file));
        assertThat(libsolv.exitCode()).isZero();
        assertThat(libsolv.actions()).isEqualTo(asLibsolv(r));
    }

    /** Every change with the architecture it installs: {@code install NAME.ARCH}, {@code erase NAME.ARCH}. */
    static List<String> withArch(PlanResult r) {
        Resolution.Solved s = (Resolution.Solved) r.resolution();
        List<String> out = new ArrayList<>();
        for (Action a : s.plan().actions()) {
            var c = a.to() != null ? a.to() : a.from();
            out.add((a.kind() == Action.Kind.REMOVE ? "erase" : a.kind().name().toLowerCase(Locale.ROOT)) + " "
                    + c.name() + "." + c.record().arch());
        }
        return out.stream().sorted().toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rpm-arch.t | install app.x86_64, install bar.x86_64, install foo.noarch, install zlib.x86_64",
        "deb-arch.t | install app.amd64, install tool.amd64",
    })
    void theBestArchitectureWinsAsInLibsolv(String file, String expected) throws Exception {
        PlanResult r = new TestcaseReplay().replay(resource(file));
        assertThat(withArch(r)).isEqualTo(List.of(expected.split(", ")));
        dev.peerget.testing.Corpus.requireCommand("testsolv");
        Testsolv.Run libsolv = Testsolv.run(resource(file));
        assertThat(libsolv.exitCode()).isZero();
        // testsolv: "install app-1.0-1.x86_64@available"
        assertThat(libsolv.lines().stream().filter(l -> l.startsWith("install ") || l.startsWith("erase "))
                .map(l -> l.replaceFirst("-[^-]+-[^-.]+\\.([^.@]+)@.*$", ".$1")).sorted().toList())
                .isEqualTo(withArch(r));
    }

    @Test
    void installonlyPackagesAndLimitSurviveAWrittenTestcase(@TempDir Path dir) throws Exception {
        Testcase tc = new TestcaseReader().read(resource("rpm-installonly.t"));
        var rules = new dev.peerget.repo.rpm.RpmRules(java.util.Set.of("kernel", "kernel-rt"));
        TestcaseUniverse universe = new TestcaseUniverse(rules, ((TestcaseUniverse) tc.universe()).all());
        Path script = new TestcaseWriter().write(dir, PackageFormat.RPM, "x86_64", universe,
                tc.request().withInstallOnlyLimit(2));
        assertThat(Files.readAllLines(script)).contains("job multiversion provides kernel",
                "job multiversion provides kernel-rt");
        Testcase back = new TestcaseReader().read(script);
        assertThat(back.request().installOnlyLimit()).isEqualTo(2);
        assertThat(((dev.peerget.repo.rpm.RpmRules) back.universe().rules()).installOnly())
                .containsExactlyInAnyOrder("kernel", "kernel-rt");
        dev.peerget.testing.Corpus.requireCommand("testsolv");
        assertThat(Testsolv.run(script).actions()).containsExactly("install kernel", "upgrade bash");
    }

    @Test
    void dnfsCleandepsSurvivesAWrittenTestcaseAndIsReadFromLibsolvsEraseFlag(@TempDir Path dir) throws Exception {
        Testcase tc = new TestcaseReader().read(resource("rpm-installonly.t"));
        assertThat(tc.request().cleanDependencies()).isFalse();
        var removal = new dev.peerget.resolver.Request(java.util.List.of(new dev.peerget.resolver.Job.Remove("bash",
                null)), true, false, java.util.Set.of(), java.util.Set.of(), java.time.Duration.ofSeconds(5))
                .withCleanDependencies(true);
        Path script = new TestcaseWriter().write(dir, PackageFormat.RPM, "x86_64", tc.universe(), removal);
        List<String> lines = Files.readAllLines(script);
        assertThat(lines).anyMatch(l -> l.startsWith("job erase name bash") && l.endsWith(" [cleandeps]"));
        assertThat(new TestcaseReader().read(script).request().cleanDependencies()).isTrue();

        // A testcase from dnf itself has only libsolv's flag on its erase job.
        Path fromDnf = dir.resolve("dnf.t");
        Files.write(fromDnf, lines.stream().filter(l -> !l.startsWith("#!peerget")).toList());
        assertThat(new TestcaseReader().read(fromDnf).request().cleanDependencies()).isTrue();
    }

    @Test
    void readsRelationsBackIntoPeergetsModel() throws Exception {
        Testcase tc = new TestcaseReader().read(resource("rpm-rich.t"));
        var app = tc.universe().named("app").get(0).record();
        assertThat(app.provides()).isEmpty(); // the self-provide is libsolv's, not a record's
        List<Requirement> deps = app.relations(RelationKind.DEPENDS).stream().map(r -> r.requirement()).toList();
        assertThat(deps.get(0)).isInstanceOf(Requirement.AllOf.class);
        assertThat(deps.get(1)).isEqualTo(new Requirement.If(Requirement.Atom.of("plugin"),
                Requirement.Atom.of("desktop"), Requirement.Atom.of("plugin-cli")));
        assertThat(app.relations(RelationKind.DEPENDS).get(0).text()).isEqualTo("((lib >= 2 or lib-compat) and shell)");
        assertThat(tc.universe().named("lib").get(0).record().version()).isEqualTo("1:2.0-3");
        assertThat(tc.universe().providers("/usr/bin/sh")).extracting(c -> c.name()).containsExactly("shell");

        Testcase deb = new TestcaseReader().read(resource("deb-alternatives.t"));
        var mutt = deb.universe().named("mutt").get(0).record();
        assertThat(mutt.relations(RelationKind.DEPENDS)).extracting(r -> r.text())
                .containsExactly("libc6 (>= 2.34)", "default-mta | mail-transport-agent");
        assertThat(deb.universe().installed()).extracting(c -> c.name()).containsExactly("libc6");
        assertThat(deb.arch()).isEqualTo("amd64");
    }

    @Test
    void errorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.t");
        Files.writeString(bad, "repo a 0 testtags <inline>\n#>=Pkg: x 1 1 amd64\n#>+Req:\n#>y <=> 2\n#>-Req:\n"
                + "system amd64 deb a\njob install name x\n");
        assertThatThrownBy(() -> new TestcaseReader().read(bad)).isInstanceOf(TestcaseException.class)
                .hasMessageContaining("bad.t:4: ").hasMessageContaining("'<=>'");
        Files.writeString(bad, "system amd64 solaris x\n");
        assertThatThrownBy(() -> new TestcaseReader().read(bad)).hasMessageContaining("bad.t:1: distribution type");
    }

    @Test
    void testsolvIsInstalledWhereTheOracleIsExpected() {
        // scripts/install-test-deps.sh installs libsolv-tools: a missing testsolv is a broken setup, not a skip.
        dev.peerget.testing.Corpus.requireCommand("testsolv");
    }
}
