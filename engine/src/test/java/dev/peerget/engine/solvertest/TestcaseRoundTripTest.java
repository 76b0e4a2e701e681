package dev.peerget.engine.solvertest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.engine.plan.PlanWorkflow;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Resolution;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans over the real-tool fixture repositories with {@code --debug-solver}, then replays the testcase: the
 * replay must give the same plan (or the same failure), and libsolv's own {@code testsolv} must accept it.
 */
class TestcaseRoundTripTest {
    @TempDir
    Path root;
    @TempDir
    Path mirror;
    @TempDir
    Path debug;
    private StaticHttpServer server;
    private TestSystem system;

    @BeforeEach
    void setUp() throws Exception {
        FixtureRepos fixtures = FixtureRepos.get().copyTo(mirror);
        server = StaticHttpServer.serve(fixtures.root());
        system = new TestSystem(root).fixtures(fixtures, server.baseUri());
        try (Peerget engine = system.engine()) {
            assertThat(engine.update(UpdateListener.NONE).anyFailed()).isFalse();
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private PlanResult plan(PackageFormat format, Path dir, PlanRequest.Operation op, String... specs) {
        system.set(Setting.PACKAGE_FORMAT, format.id());
        var context = system.context();
        try (MetadataStore store = MetadataStore.open(context.layout().metadataDatabase())) {
            InstalledDatabase installed = new InstalledDatabase(context.layout(), context.tools());
            return new PlanWorkflow(context, store, installed)
                    .plan(new PlanRequest(op, List.of(specs), true, false, dir));
        }
    }

    static List<String> summary(PlanResult r) {
        if (r.resolution() instanceof Resolution.Solved s) {
            return s.plan().actions().stream().map(TestcaseRoundTripTest::line).sorted().toList();
        }
        return List.of(r.resolution().getClass().getSimpleName());
    }

    private static String line(Action a) {
        return a.kind() + " " + (a.to() != null ? a.to() : a.from()) + " " + (a.to() != null ? a.to() : a.from())
                .source() + (a.automatic() ? " auto" : "");
    }

    /** Plans, writes the testcase, replays it, and compares; returns the testcase directory. */
    private Path roundTrip(PackageFormat format, PlanRequest.Operation op, String... specs) throws Exception {
        Path dir = debug.resolve(format.id() + "-" + op + "-" + String.join("_", specs));
        PlanResult original = plan(format, dir, op, specs);
        assertThat(dir.resolve(TestcaseWriter.SCRIPT)).exists();
        PlanResult replayed = new TestcaseReplay().replay(dir.resolve(TestcaseWriter.SCRIPT));
        assertThat(summary(replayed)).as(Files.readString(dir.resolve(TestcaseWriter.SCRIPT)))
                .isEqualTo(summary(original));
        assertThat(replayed.format()).isEqualTo(format);
        if (original.resolution() instanceof Resolution.Unsatisfiable u) {
            assertThat(((Resolution.Unsatisfiable) replayed.resolution()).problems()).hasSameSizeAs(u.problems());
        }
        return dir;
    }

    @Test
    void debianInstallsReplayTheSame() throws Exception {
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-hello");
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-libgreet=1.0-1");
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-virtual-user");
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-rec");
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-cyc-a");
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-pre");
    }

    @Test
    void libsolvAcceptsWrittenTestcasesAndInstallsTheSamePackages() throws Exception {
        // scripts/install-test-deps.sh installs libsolv-tools: a missing testsolv is a broken setup, not a skip.
        dev.peerget.testing.Corpus.requireCommand("testsolv");
        for (PackageFormat format : PackageFormat.values()) {
            for (String spec : List.of("pg-hello", "pg-cyc-a")) {
                Path dir = roundTrip(format, PlanRequest.Operation.INSTALL, spec);
                Testsolv.Run libsolv = Testsolv.run(dir.resolve(TestcaseWriter.SCRIPT));
                assertThat(libsolv.exitCode()).as(String.join("\n", libsolv.lines())).isZero();
                PlanResult peerget = new TestcaseReplay().replay(dir.resolve(TestcaseWriter.SCRIPT));
                assertThat(libsolv.actions()).as(format + " " + spec).isEqualTo(TestcaseReaderTest.asLibsolv(peerget));
            }
        }
        Path conflict = roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-mta-a", "pg-mta-b");
        assertThat(Testsolv.run(conflict.resolve(TestcaseWriter.SCRIPT)).actions()).containsExactly("problem");
    }

    @Test
    void debianFailuresReplayTheSame() throws Exception {
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-mta-a", "pg-mta-b");
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-hello", "pg-breaker");
    }

    @Test
    void rpmInstallsReplayTheSame() throws Exception {
        roundTrip(PackageFormat.RPM, PlanRequest.Operation.INSTALL, "pg-hello");
        roundTrip(PackageFormat.RPM, PlanRequest.Operation.INSTALL, "pg-virtual-user");
        roundTrip(PackageFormat.RPM, PlanRequest.Operation.INSTALL, "pg-libgreet-1.0-1");
        roundTrip(PackageFormat.RPM, PlanRequest.Operation.INSTALL, "pg-mta-a", "pg-mta-b");
    }

    @Test
    void upgradeAndRemoveOnAnInstalledSystemReplayTheSame() throws Exception {
        system.write("var/lib/dpkg/status", """
                Package: pg-libgreet
                Status: install ok installed
                Version: 1.0-1
                Architecture: amd64
                Maintainer: x <x@example.org>
                Description: old

                Package: pg-data
                Status: install ok installed
                Version: 1.0-1
                Architecture: all
                Maintainer: x <x@example.org>
                Description: data

                Package: pg-hello
                Status: install ok installed
                Version: 1.0-1
                Architecture: amd64
                Maintainer: x <x@example.org>
                Depends: pg-libgreet (>= 1.0), pg-data
                Description: hello

                """);
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.UPGRADE);
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.DIST_UPGRADE);
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.REMOVE, "pg-libgreet");
        roundTrip(PackageFormat.DEB, PlanRequest.Operation.REINSTALL, "pg-hello");
        Path dir = roundTrip(PackageFormat.DEB, PlanRequest.Operation.INSTALL, "pg-hello/stable");
        // apt's pkg/release names the release's candidate version from that release's repository; the bare name
        // means the native architecture's build, which the testcase keeps so that a replay chooses the same.
        assertThat(Files.readString(dir.resolve(TestcaseWriter.SCRIPT))).containsPattern(
                "#!peerget job install name=pg-hello op=EQ version=1.0-1 arch=amd64 archimplied=yes source=http://[^ ]*stable");
    }
}
