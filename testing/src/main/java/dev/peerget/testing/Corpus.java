package dev.peerget.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared real-world corpus ({@code ../shared/corpus} beside the project). Surefire passes its location
 * as the system property {@code peerget.corpus}; tests running elsewhere fall back to walking up.
 */
public final class Corpus {
    private Corpus() {
    }

    /** The corpus root. Fails the test when the corpus is missing: it is part of every checkout's setting. */
    public static Path root() {
        String prop = System.getProperty("peerget.corpus");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared corpus not found: expected ../shared/corpus beside the project");
    }

    /** A file or folder inside the corpus, which must exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("corpus file missing: " + p);
        }
        return p;
    }

    /** The project's root directory (where the root pom is). */
    public static Path projectDir() {
        String prop = System.getProperty("peerget.projectDir");
        if (prop != null && Files.isRegularFile(Path.of(prop, "pom.xml"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("model"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project directory not found");
    }

    /**
     * Fails the calling test unless {@code command} is on the PATH: the test command installs every tool the
     * tests use (scripts/install-test-deps.sh), so a missing one is a broken setup, not a reason to skip.
     */
    public static void requireCommand(String command) {
        if (!hasCommand(command)) {
            throw new AssertionError(command + " is not installed: run scripts/install-test-deps.sh");
        }
    }

    /** Whether {@code command} is on the PATH. */
    public static boolean hasCommand(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
