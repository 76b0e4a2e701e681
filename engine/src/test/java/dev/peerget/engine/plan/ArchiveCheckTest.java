package dev.peerget.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.update.UpdateListener;
import dev.peerget.model.PackageFormat;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.StaticHttpServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every package of the real bookworm main index checked for installability by peerget's resolver and by the
 * real {@code dose-distcheck} on the same index: the sets of uninstallable packages must be equal.
 */
class ArchiveCheckTest {
    @TempDir
    Path root;
    @TempDir
    Path mirror;

    @Test
    void bookwormBrokenPackagesMatchDoseDistcheck() throws Exception {
        Corpus.requireCommand("dose-distcheck");
        Path bookworm = Corpus.path("apt/debian-bookworm-fetched");
        Files.createDirectories(mirror.resolve("debian/dists"));
        Files.createSymbolicLink(mirror.resolve("debian/dists/bookworm"), bookworm);
        TestSystem system = new TestSystem(root).at(Instant.parse("2026-07-12T00:00:00Z"))
                .set(Setting.ARCHITECTURE, "amd64");
        Files.createDirectories(root.resolve("usr/share/keyrings"));
        Files.copy(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg"),
                root.resolve("usr/share/keyrings/debian-archive-keyring.gpg"));
        try (StaticHttpServer server = StaticHttpServer.serve(mirror)) {
            system.write("etc/apt/sources.list", "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
                    + server.baseUri().resolve("debian/") + " bookworm main\n");
            try (Peerget engine = system.engine()) {
                assertThat(engine.update(UpdateListener.NONE).anyFailed()).isFalse();
            }
        }
        ArchiveCheck.Result ours;
        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            ours = ArchiveCheck.run(system.context(), store, PackageFormat.DEB);
        }
        assertThat(ours.total()).isEqualTo(63_440);
        assertThat(ours.approximated()).isZero();

        Path packages = Files.createTempFile(root, "Packages", "");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(bookworm.resolve("main/binary-amd64/Packages.gz")))) {
            Files.copy(in, packages, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process dose = new ProcessBuilder("dose-distcheck", "--deb-native-arch=amd64", "-f", "deb://" + packages)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String report = new String(dose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dose.waitFor();
        Set<String> doseBroken = new TreeSet<>();
        String name = null;
        for (String line : report.split("\n")) {
            // Top-level entries of the YAML report: "  package: X" then "  version: V".
            if (line.startsWith("  package: ")) {
                name = line.substring("  package: ".length()).strip();
            } else if (line.startsWith("  version: ") && name != null) {
                doseBroken.add(name + " " + line.substring("  version: ".length()).strip());
                name = null;
            }
        }
        Set<String> ourBroken = new TreeSet<>();
        ours.broken().forEach(c -> ourBroken.add(c.name() + " " + c.record().version()));
        assertThat(doseBroken).as("dose-distcheck found broken packages").isNotEmpty();
        assertThat(ourBroken).isEqualTo(doseBroken);
    }
}
