package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import dev.peerget.testing.ThrowawayRoot;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A mirror served over loopback HTTP and a throwaway client root whose sources name it: the setup of the CLI
 * tests that run peerget against a signed apt repository. Register it on an instance field with
 * {@code @RegisterExtension} and start it from {@code @BeforeEach} (the mirror is usually built there, under the
 * test's {@code @TempDir}); the server is closed after each test, after the test's own {@code @AfterEach}
 * methods. One per test instance; not thread-safe.
 */
final class LoopbackAptClient implements AfterEachCallback {
    private static final String SIGNED_BY = "deb [signed-by=/etc/apt/keys/fixture.gpg] ";
    private StaticHttpServer server;
    private ThrowawayRoot root;

    /**
     * Serves {@code mirror} and creates the client root in {@code rootDir} ({@link TestAptRepo#client}), one
     * sources line for each of {@code sources}: what follows the server's base URI, such as
     * {@code "debian/ bookworm main"}. Not updated yet, for a test that prepares the root first; see
     * {@link #update()}.
     */
    ThrowawayRoot serve(Path mirror, Path rootDir, String... sources) throws Exception {
        startServer(mirror);
        StringBuilder lines = new StringBuilder();
        for (String source : sources) {
            lines.append(SIGNED_BY).append(server.baseUri()).append(source).append('\n');
        }
        root = TestAptRepo.client(rootDir, lines.toString());
        return root;
    }

    /** {@link #serve} and then {@link #update()}. */
    ThrowawayRoot start(Path mirror, Path rootDir, String... sources) throws Exception {
        serve(mirror, rootDir, sources);
        update();
        return root;
    }

    /**
     * Serves the fixture repositories (a copy, {@link FixtureRepos#copyTo}) and creates the client root in
     * {@code rootDir} with {@link FixtureClients#aptClient}, {@code settings} in its peerget.conf; updated.
     */
    ThrowawayRoot startFixtures(FixtureRepos fixtures, Path rootDir, String settings) throws Exception {
        startServer(fixtures.root());
        root = FixtureClients.aptClient(rootDir, fixtures, server.baseUri(), settings);
        return root;
    }

    /** {@code peerget update} in the client root, failing the test unless it exits 0. */
    CliRun update() {
        CliRun update = peerget("update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
        return update;
    }

    /** Runs peerget in-process with {@code --root} the client root. */
    CliRun peerget(String... args) {
        return CliRun.in(root(), args);
    }

    ThrowawayRoot root() {
        if (root == null) {
            throw new IllegalStateException("not started");
        }
        return root;
    }

    StaticHttpServer server() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server;
    }

    URI baseUri() {
        return server().baseUri();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
        root = null;
    }

    private void startServer(Path mirror) throws Exception {
        if (server != null) {
            throw new IllegalStateException("already serving " + server.baseUri());
        }
        server = StaticHttpServer.serve(mirror);
    }
}
