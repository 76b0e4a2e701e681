package dev.peerget.engine.config;

import dev.peerget.repo.deb.AptSource;
import dev.peerget.repo.rpm.YumRepoConfig;
import java.util.List;

/**
 * The repositories the system's configuration names: apt fetch targets (binary {@code deb} entries only,
 * enabled ones) and yum repositories (enabled and disabled; {@link YumRepoConfig#enabled()} tells).
 */
public record ConfiguredRepositories(List<AptSource.Target> apt, List<YumRepoConfig> yum, List<String> warnings) {
    public ConfiguredRepositories {
        apt = List.copyOf(apt);
        yum = List.copyOf(yum);
        warnings = List.copyOf(warnings);
    }

    /** The store key of an apt target: its type, URI and suite, as apt identifies a Release file. */
    public static String key(AptSource.Target target) {
        return "deb " + target.uri() + " " + target.suite();
    }

    /** The store key of a yum repository. */
    public static String key(YumRepoConfig repo) {
        return "rpm " + repo.id();
    }
}
