package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for CLI output under {@code cli/src/test/resources/golden}. Run the tests with
 * {@code -Dpeerget.regenerate=true} to rewrite them after an intended change, then review the diff.
 */
final class Golden {
    private Golden() {
    }

    static void check(String name, String actual) throws IOException {
        Path file = Corpus.projectDir().resolve("cli/src/test/resources/golden/" + name + ".txt");
        if (Boolean.getBoolean("peerget.regenerate")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertThat(file).as("golden file missing: run with -Dpeerget.regenerate=true and review it").exists();
        assertThat(actual).as("output differs from %s (rerun with -Dpeerget.regenerate=true if intended)", file)
                .isEqualTo(Files.readString(file));
    }
}
