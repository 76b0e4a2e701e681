package dev.peerget.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.PlanValidator;
import dev.peerget.resolver.Request;
import dev.peerget.resolver.Resolution;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.StaticHttpServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Installs into an empty RPM root from the real CentOS Stream 9 BaseOS repository (primary + filelists, so file
 * requirements such as /bin/sh resolve): every plan must pass the independent validator.
 */
class CentOsPlanTest {
    @TempDir
    static Path root;
    private static StaticHttpServer server;
    private static TestSystem system;

    @BeforeAll
    static void update() throws Exception {
        server = StaticHttpServer.serve(Corpus.path("yum/osbuild-cs9/baseos"));
        system = new TestSystem(root).set(Setting.PACKAGE_FORMAT, "rpm").set(Setting.ARCHITECTURE, "amd64");
        system.write("etc/yum.repos.d/baseos.repo", "[baseos]\nname=CentOS Stream 9 BaseOS\nbaseurl="
                + server.baseUri() + "\n");
        try (Peerget engine = system.engine()) {
            assertThat(engine.update(UpdateListener.NONE).anyFailed()).isFalse();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "openssh-server", "sudo", "NetworkManager", "kernel"})
    void installIntoAnEmptyRootIsValid(String name) {
        var context = system.context();
        try (MetadataStore store = MetadataStore.open(context.layout().metadataDatabase())) {
            InstalledDatabase installed = new InstalledDatabase(context.layout(), context.tools());
            PlanResult result = new PlanWorkflow(context, store, installed)
                    .plan(new PlanRequest(PlanRequest.Operation.INSTALL, List.of(name), false, false));
            assertThat(result.resolution()).as(String.valueOf(result.resolution())).isInstanceOf(Resolution.Solved.class);
            var plan = ((Resolution.Solved) result.resolution()).plan();
            StoreUniverse universe = StoreUniverse.of(context, store, installed, PackageFormat.RPM);
            assertThat(new PlanValidator().validate(universe, Request.of(), plan)).isEmpty();
            assertThat(plan.actions()).anyMatch(a -> a.to().name().equals(name) && !a.automatic());
            // Everything in BaseOS needs at least the C library and the filesystem layout.
            assertThat(plan.actions()).extracting(a -> a.to().name()).contains("glibc", "filesystem");
        }
    }
}
