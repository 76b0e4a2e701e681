package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two architectures for real: a signed repository whose Release lists amd64 and i386 (built here with dpkg-deb,
 * dpkg-scanpackages, apt-ftparchive and gpg), a root where {@code dpkg --add-architecture i386} was run, and
 * the real dpkg installing an i386 program with its Multi-Arch: same library next to the amd64 one and a
 * Multi-Arch: foreign tool from amd64.
 */
class MultiArchInstallTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LoopbackAptClient client = new LoopbackAptClient();
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        new TestAptRepo(dir.resolve("mirror/multi"), dir.resolve("build"))
                .deb("stable", "mx-lib", "1.0-1", "amd64", "Multi-Arch: same\n",
                        "usr/lib/x86_64-linux-gnu/mx/libmx.txt")
                .deb("stable", "mx-lib", "1.0-1", "i386", "Multi-Arch: same\n", "usr/lib/i386-linux-gnu/mx/libmx.txt")
                .deb("stable", "mx-tool", "1.0-1", "amd64", "Multi-Arch: foreign\n", "usr/bin/mx-tool")
                .deb("stable", "mx-app", "1.0-1", "i386", "Depends: mx-lib, mx-tool\n", "usr/share/mx-app/README")
                .suite("stable", "stable", "stable", List.of("amd64", "i386"), "");

        // No foreign_architectures in peerget.conf: dpkg's own record of them counts, as for apt.
        root = client.serve(dir.resolve("mirror"), dir.resolve("root"), "multi/ stable main");
        Path r = root.path();
        TestAptRepo.run(dir, "dpkg", "--root=" + r, "--admindir=" + root.dpkgAdminDir(), "--add-architecture",
                "i386");
    }

    @Test
    void bothArchitecturesAreFetchedAndAnI386ProgramInstallsBesideAmd64() throws Exception {
        CliRun update = client.peerget("update");
        assertThat(update.exitCode()).as(update.stderr()).isZero();
        assertThat(update.stdout()).contains("main amd64 Packages").contains("main i386 Packages");

        CliRun app = client.peerget("install", "-y", "mx-app:i386");
        assertThat(app.exitCode()).as(app.stdout() + app.stderr()).isZero();
        CliRun lib = client.peerget("install", "-y", "mx-lib:amd64");
        assertThat(lib.exitCode()).as(lib.stdout() + lib.stderr()).isZero();

        assertThat(root.dpkgPackages()).containsEntry("mx-app:i386", "1.0-1 installed")
                .containsEntry("mx-lib:i386", "1.0-1 installed").containsEntry("mx-lib:amd64", "1.0-1 installed")
                .containsEntry("mx-tool:amd64", "1.0-1 installed").doesNotContainKey("mx-tool:i386");
        assertThat(root.resolve("/usr/lib/i386-linux-gnu/mx/libmx.txt")).hasContent("mx-lib 1.0-1 i386");
        assertThat(root.resolve("/usr/lib/x86_64-linux-gnu/mx/libmx.txt")).hasContent("mx-lib 1.0-1 amd64");
    }
}
