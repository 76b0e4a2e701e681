package dev.peerget.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.engine.update.UpdateReport;
import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.PlanValidator;
import dev.peerget.resolver.Request;
import dev.peerget.resolver.Resolution;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * apt's own regression universes (corpus {@code apt/apt-upstream-tests/Packages-*} with {@code status-*}),
 * each resolved by peerget and by the real apt-get on the same flat repository: both must agree on whether
 * the request can be done, peerget's plan must pass the independent validator and be no larger than apt's.
 * ({@code github-23-too-long-dependency-line} is left out: its status file is broken on purpose, so apt refuses
 * every request until {@code --fix-broken}, as peerget now does too ({@link UnmetDependenciesException}); its
 * parser side is tested in repo-formats.)
 */
class AptScenarioTest {
    private static final String DIR = "apt/apt-upstream-tests/";

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}: {2} {3}")
    @CsvSource({
        // scenario,                                         arch,  operation,    packages
        "bug-598669-install-postfix-gets-exim-heavy,          i386,  INSTALL,      postfix",
        "bug-591882-conkeror,                                 i386,  INSTALL,      conkeror",
        "bug-591882-conkeror,                                 i386,  DIST_UPGRADE, ''",
        "bug-590438-broken-provides-thanks-to-remove-order,   i386,  DIST_UPGRADE, ''",
        "bug-605394-versioned-or-groups,                      i386,  DIST_UPGRADE, ''",
        "xorg-break-providers,                                i386,  INSTALL,      xserver-xorg-core",
        "ubuntu-bug-614993,                                   amd64, DIST_UPGRADE, ''",
        "bug-723705-tagfile-truncates-fields,                 amd64, DIST_UPGRADE, ''",
    })
    void agreesWithAptGet(String scenario, String arch, PlanRequest.Operation op, String packages) throws Exception {
        Corpus.requireCommand("apt-get");
        Corpus.requireCommand("apt-ftparchive");
        Path repo = flatRepository(Corpus.path(DIR + "Packages-" + scenario));
        Path status = Corpus.path(DIR + "status-" + scenario);
        List<String> specs = packages.isBlank() ? List.of() : List.of(packages.split(" "));

        AptOracle apt = new AptOracle(Files.createDirectories(work.resolve("apt")), repo, status, arch);
        String[] aptCommand = op == PlanRequest.Operation.INSTALL
                ? concat("install", specs) : concat("dist-upgrade", specs);
        AptOracle.Outcome expected = apt.simulate(aptCommand);

        TestSystem system = new TestSystem(Files.createDirectories(work.resolve("root")))
                .set(Setting.ARCHITECTURE, arch).set(Setting.PACKAGE_FORMAT, "deb")
                .write("etc/apt/sources.list", "deb [trusted=yes] file:" + repo + "/ ./\n");
        Files.createDirectories(system.root().resolve("var/lib/dpkg"));
        Files.copy(status, system.root().resolve("var/lib/dpkg/status"));
        try (Peerget engine = system.engine()) {
            UpdateReport report = engine.update(UpdateListener.NONE);
            assertThat(report.anyFailed()).as(String.valueOf(report.outcomes())).isFalse();
        }
        var context = system.context();
        try (MetadataStore store = MetadataStore.open(context.layout().metadataDatabase())) {
            InstalledDatabase installed = new InstalledDatabase(context.layout(), context.tools());
            PlanResult result = new PlanWorkflow(context, store, installed)
                    .plan(new PlanRequest(op, specs, true, false));
            assertThat(result.resolution() instanceof Resolution.Solved)
                    .as("peerget solved? apt said:%n%s%npeerget said: %s", expected.output(), result.resolution())
                    .isEqualTo(expected.solved());
            if (result.resolution() instanceof Resolution.Solved solved) {
                StoreUniverse universe = StoreUniverse.of(context, store, installed, PackageFormat.DEB);
                assertThat(new PlanValidator().validate(universe, Request.of(), solved.plan())).isEmpty();
                List<String> ours = solved.plan().actions().stream()
                        .map(a -> (a.kind() == Action.Kind.REMOVE ? "-" : "+") + (a.to() != null ? a.to() : a.from()).name())
                        .sorted().toList();
                assertThat(ours.size()).as("peerget %s vs apt installs %s removals %s", ours, expected.installs(),
                        expected.removals()).isLessThanOrEqualTo(expected.installs().size() + expected.removals().size());
                var after = PlanValidator.after(universe.installed(), solved.plan());
                for (String spec : specs) {
                    assertThat(after).as("installed after the plan").anyMatch(c -> c.name().equals(spec));
                }
            }
        }
    }

    private static String[] concat(String first, List<String> rest) {
        String[] out = new String[rest.size() + 1];
        out[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 1] = rest.get(i);
        }
        return out;
    }

    /** A flat repository (Packages + Release made by apt-ftparchive) holding one of apt's Packages files. */
    private Path flatRepository(Path packages) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(work.resolve("repo"));
        Files.copy(packages, repo.resolve("Packages"));
        Process p = new ProcessBuilder("apt-ftparchive", "release", ".").directory(repo.toFile())
                .redirectOutput(repo.resolve("Release.new").toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor()).isZero();
        Files.move(repo.resolve("Release.new"), repo.resolve("Release"));
        return repo;
    }
}
