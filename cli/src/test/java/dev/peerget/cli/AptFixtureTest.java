package dev.peerget.cli;

import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup most CLI tests share: a copy of the fixture repositories served over loopback HTTP
 * ({@link LoopbackAptClient}) and an updated throwaway client root with {@code seed = off}, where peerget runs
 * in-process and the real dpkg installs.
 */
abstract class AptFixtureTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    ThrowawayRoot root;

    @BeforeEach
    void startFixtures() throws Exception {
        root = client.startFixtures(FixtureRepos.get().copyTo(dir.resolve("mirror")), dir.resolve("root"),
                "seed = off\n");
    }

    CliRun run(String... args) {
        return CliRun.in(root, args);
    }

    CliRun run(BufferConsole console, String... args) {
        return CliRun.in(console, root, args);
    }

    /** Installed packages: name → version. */
    Map<String, String> installed() {
        return root.dpkgInstalledVersions();
    }
}
