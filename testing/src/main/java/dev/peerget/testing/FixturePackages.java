package dev.peerget.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Finds the package files of the {@link FixtureRepos} by name, version and architecture: the indexed ones in
 * {@code apt/pool/} and {@code yum/Packages/}, and the installer-only ones in {@code installer/deb/} and
 * {@code installer/rpm/} (newer versions and failing scripts that no index lists; see
 * {@code scripts/fixture-repos.md}). Immutable and thread-safe.
 */
public final class FixturePackages {
    private final FixtureRepos repos;

    public FixturePackages(FixtureRepos repos) {
        this.repos = Objects.requireNonNull(repos, "repos");
    }

    /** The packages of the shared fixture repositories. */
    public static FixturePackages get() {
        return new FixturePackages(FixtureRepos.get());
    }

    /** {@code NAME_VERSION_ARCH.deb}, e.g. {@code deb("pg-hello", "1.0-1", "amd64")}. */
    public Path deb(String name, String version, String arch) {
        String file = name + "_" + version + "_" + arch + ".deb";
        Path installerOnly = repos.root().resolve("installer/deb").resolve(file);
        if (Files.isRegularFile(installerOnly)) {
            return installerOnly;
        }
        return find(repos.aptRoot().resolve("pool"), file);
    }

    /** {@code NAME-VERSION-1.ARCH.rpm}, e.g. {@code rpm("pg-hello", "1.0", "x86_64")} (every fixture is release 1). */
    public Path rpm(String name, String version, String arch) {
        String file = name + "-" + version + "-1." + arch + ".rpm";
        for (Path dir : List.of(repos.root().resolve("installer/rpm"), repos.yumRoot().resolve("Packages"))) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return dir.resolve(file);
            }
        }
        throw new IllegalArgumentException("no fixture package " + file + " in " + repos.root()
                + " (see scripts/fixture-repos.md)");
    }

    private static Path find(Path pool, String file) {
        try (Stream<Path> walk = Files.walk(pool)) {
            return walk.filter(p -> p.getFileName().toString().equals(file)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fixture package " + file + " in " + pool
                            + " (see scripts/fixture-repos.md)"));
        } catch (IOException e) {
            throw new UncheckedIOException("searching " + pool, e);
        }
    }
}
