package dev.peerget.fetch.seed;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts the seeding daemon detached from the CLI. The engine decides how (as which user, with which Java and
 * class path); {@link ProcessSeedLauncher} is the real one.
 */
public interface SeedLauncher {
    /**
     * Makes {@code runDir}, the daemon's own directory, exist and belong to the user the daemon runs as. Only the
     * directory itself: nothing inside it is touched (it belongs to that user).
     */
    void prepare(Path runDir) throws IOException;

    /** Starts the daemon on {@code runDir} with {@code policy}; its early output goes to {@code launchLog}. */
    void launch(Path runDir, SeedPolicy policy, Path launchLog) throws IOException;
}
