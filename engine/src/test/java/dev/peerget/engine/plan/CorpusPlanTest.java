package dev.peerget.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Plan;
import dev.peerget.resolver.PlanValidator;
import dev.peerget.resolver.Request;
import dev.peerget.resolver.Resolution;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.StaticHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real targets on the real bookworm main/amd64 index (63,440 packages, from the shared corpus on a loopback
 * mirror), planned in an empty root as in a fresh chroot: each plan must pass the resolver-independent
 * {@link PlanValidator} (every dependency of every package satisfied, no conflict or break, the job done) and
 * install no more packages than {@code apt-get -s install} does from the same state (counts measured with
 * bench/resolve-bench.sh, apt 2.6.2). Not timed: bench/resolve-bench.sh measures speed.
 */
class CorpusPlanTest {
    private static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    /** A moment inside the bookworm index's validity (its Date is 2026-07-11). */
    private static final Instant BOOKWORM_NOW = Instant.parse("2026-07-12T00:00:00Z");

    @TempDir
    static Path root;
    @TempDir
    static Path mirror;
    private static StaticHttpServer server;
    private static TestSystem system;

    @BeforeAll
    static void updateOnce() throws Exception {
        Corpus.requireCommand("gpgv");
        Path dist = mirror.resolve("debian/dists");
        Files.createDirectories(dist);
        Files.createSymbolicLink(dist.resolve("bookworm"), Corpus.path("apt/debian-bookworm-fetched"));
        server = StaticHttpServer.serve(mirror);
        system = new TestSystem(root).at(BOOKWORM_NOW);
        Files.createDirectories(root.resolve("usr/share/keyrings"));
        Files.copy(DEBIAN_KEYRING, root.resolve("usr/share/keyrings/debian-archive-keyring.gpg"));
        system.write("etc/apt/sources.list", "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
                + server.baseUri().resolve("debian/") + " bookworm main\n");
        system.write("var/lib/dpkg/status", ""); // a fresh chroot: nothing installed
        try (Peerget engine = system.engine()) {
            assertThat(engine.update(UpdateListener.NONE).anyFailed()).isFalse();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "install {0}, recommends {1}: valid, at most {2} packages like apt")
    @CsvSource({
        "hello,       true,  6",
        "hello,       false, 4",
        "gimp,        true,  408",
        "gimp,        false, 248",
        "libreoffice, true,  751",
        "libreoffice, false, 250",
    })
    void planIsValidAndNoLargerThanApts(String target, boolean recommends, int aptInstalls) {
        var context = system.context();
        try (MetadataStore store = MetadataStore.open(context.layout().metadataDatabase())) {
            InstalledDatabase installed = new InstalledDatabase(context.layout(), context.tools());
            PlanResult result = new PlanWorkflow(context, store, installed)
                    .plan(new PlanRequest(PlanRequest.Operation.INSTALL, List.of(target), recommends, false));
            assertThat(result.resolution()).isInstanceOf(Resolution.Solved.class);
            Plan plan = ((Resolution.Solved) result.resolution()).plan();

            StoreUniverse universe = StoreUniverse.of(context, store, installed, PackageFormat.DEB);
            Request request = new Request(List.of(Job.Install.of(target)), recommends, false, Set.of(), Set.of(),
                    Duration.ofSeconds(60));
            assertThat(new PlanValidator().validate(universe, request, plan)).isEmpty();

            assertThat(plan.actions()).allMatch(a -> a.kind() == Action.Kind.INSTALL);
            assertThat(plan.actions()).anyMatch(a -> a.to().name().equals(target) && !a.automatic());
            assertThat(plan.actions()).as("packages installed").hasSizeLessThanOrEqualTo(aptInstalls);
        }
    }

    /** The example, on the real index: the chain from the request to the dead end, step by step. */
    @Test
    void designDesktopExplainsItsChainToThunderbird() {
        var context = system.context();
        try (MetadataStore store = MetadataStore.open(context.layout().metadataDatabase())) {
            PlanResult result = new PlanWorkflow(context, store, new InstalledDatabase(context.layout(), context.tools()))
                    .plan(new PlanRequest(PlanRequest.Operation.INSTALL, List.of("design-desktop"), true, false));
            assertThat(result.resolution()).isInstanceOf(Resolution.Unsatisfiable.class);
            List<String> chain = ((Resolution.Unsatisfiable) result.resolution()).problems().get(0).chain().stream()
                    .map(e -> e.message()).toList();
            assertThat(String.join("\n", chain)).containsSubsequence(
                    "design-desktop", "depends on webext-dav4tbsync",
                    "webext-dav4tbsync", "depends on webext-tbsync (>= 4.7)",
                    "webext-tbsync", "thunderbird (<= 1:128.x)");
        }
    }
}
