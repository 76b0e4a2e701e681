package dev.peerget.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds external programs (dpkg, rpm) on a search path given by the caller, so that no library reads the
 * process environment itself.
 */
public record ToolLocator(List<Path> searchPath) {
    public ToolLocator {
        searchPath = List.copyOf(searchPath);
    }

    /** A locator over a PATH-style string ({@code /usr/bin:/bin}); null or empty finds nothing. */
    public static ToolLocator fromPath(String path) {
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return new ToolLocator(dirs);
    }

    /** The executable called {@code name}, if any directory of the search path has one. */
    public Optional<Path> find(String name) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
