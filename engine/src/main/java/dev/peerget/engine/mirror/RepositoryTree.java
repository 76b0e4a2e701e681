package dev.peerget.engine.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a mirror's repository directory holds: an apt archive or a yum repository, told apart the way their
 * clients find them ({@code dists/SUITE/Release}; {@code repodata/repomd.xml}).
 */
sealed interface RepositoryTree permits RepositoryTree.AptArchive, RepositoryTree.YumRepository {
    /** The repository root: what package paths are relative to. */
    Path root();

    /** An apt archive root (holding {@code dists/} and {@code pool/}) and its suites, by directory name. */
    record AptArchive(Path root, List<String> suites) implements RepositoryTree {
        public AptArchive {
            suites = List.copyOf(suites);
        }

        Path suiteDir(String suite) {
            return root.resolve("dists").resolve(suite);
        }
    }

    /** A yum repository root (its baseurl, holding {@code repodata/}). */
    record YumRepository(Path root) implements RepositoryTree {
        Path repomd() {
            return root.resolve("repodata/repomd.xml");
        }
    }

    /**
     * Detects the repository under {@code root}. Suites are the directories {@code dists/*} holding a Release;
     * a symbolic link to another suite ({@code stable -> bookworm}) is the same suite and is left out.
     */
    static RepositoryTree detect(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new MirrorException(dir + " is not a directory", "give the repository's root directory");
        }
        boolean yum = Files.isRegularFile(dir.resolve("repodata/repomd.xml"));
        List<String> suites = aptSuites(dir);
        if (yum && !suites.isEmpty()) {
            throw new MirrorException(dir + " holds both an apt archive (dists/) and a yum repository (repodata/)",
                    "publish them from separate directories");
        }
        if (yum) {
            return new YumRepository(dir);
        }
        if (!suites.isEmpty()) {
            return new AptArchive(dir, suites);
        }
        String hint = "give the directory that holds dists/ and pool/ (apt) or repodata/ (yum)";
        if (Files.isRegularFile(dir.resolve("Release")) && dir.getParent() != null
                && dir.getParent().getParent() != null) {
            hint = "this looks like a suite directory; give " + dir.getParent().getParent()
                    + " (the directory holding dists/)";
        } else if (Files.isRegularFile(dir.resolve("repomd.xml")) && dir.getParent() != null) {
            hint = "this looks like repodata/; give " + dir.getParent() + " (the directory holding repodata/)";
        }
        throw new MirrorException(dir + " is neither an apt archive (no dists/*/Release) nor a yum repository "
                + "(no repodata/repomd.xml)", hint);
    }

    private static List<String> aptSuites(Path root) {
        Path dists = root.resolve("dists");
        if (!Files.isDirectory(dists)) {
            return List.of();
        }
        List<String> suites = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        try (Stream<Path> entries = Files.list(dists)) {
            List<Path> sorted = entries.sorted().toList();
            // Real directories first, so that "stable -> bookworm" keeps the name bookworm.
            for (boolean links : new boolean[] {false, true}) {
                for (Path suite : sorted) {
                    if (Files.isSymbolicLink(suite) == links && Files.isRegularFile(suite.resolve("Release"))
                            && seen.add(suite.toRealPath())) {
                        suites.add(suite.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new MirrorException("cannot list " + dists + ": " + e.getMessage(),
                    "check that the repository is readable", e);
        }
        suites.sort(null);
        return suites;
    }
}
