package dev.peerget.engine.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes repository files the way a mirror needs them written: a complete new file renamed over the old one, so
 * an HTTP client reading it meanwhile gets the old or the new content, never half of each. The new file gets
 * the process's default permissions (readable by the web server under the usual umask 022).
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path target, byte[] content) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".peerget-new");
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The original error is the one to report.
            }
            throw new MirrorException("cannot write " + target + ": " + e.getMessage(),
                    "check that the repository is writable by this user", e);
        }
    }

    /** Whether {@code file} exists with exactly {@code content}. */
    static boolean holds(Path file, byte[] content) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == content.length
                    && java.util.Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false;
        }
    }
}
