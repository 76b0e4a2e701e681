package dev.peerget.fetch.seed;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts the seeding daemon detached from the CLI. The engine decides how (as which user, with which Java and
 * class path); {@link ProcessSeedLauncher} is the real one.
 */
public interface SeedLauncher {
    /** Makes the state directory usable by the daemon (ownership when it runs as another user). */
    void prepare(Path stateDir) throws IOException;

    /** Starts the daemon for {@code stateDir}; returns once it is started (not necessarily listening). */
    void launch(Path stateDir) throws IOException;
}
