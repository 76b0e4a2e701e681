package dev.peerget.engine.update;

import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.engine.config.RepositoryConfigLoader;
import dev.peerget.repo.rpm.YumRepoConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * dnf's {@code metadata_expire} (dnf.conf(5)): a yum repository's metadata is stale once it is older than the
 * repository allows (48 hours by default; {@code never} or {@code -1}: never; {@code 0}: always). apt has no
 * such rule. Stateless.
 */
public final class MetadataExpiry {
    private MetadataExpiry() {
    }

    /**
     * The ids of the enabled yum repositories configured under the root whose metadata is stale or missing; empty
     * for roots without yum repositories or without metadata ({@code storedRepositories} is then never asked).
     */
    public static List<String> expired(EngineContext context,
                                       java.util.function.Supplier<List<StoredRepository>> storedRepositories) {
        if (!java.nio.file.Files.isDirectory(context.layout().yumReposDir())
                || !java.nio.file.Files.isRegularFile(context.layout().metadataDatabase())) {
            return List.of();
        }
        ConfiguredRepositories config = new RepositoryConfigLoader(context).load();
        if (config.yum().isEmpty()) {
            return List.of();
        }
        Map<String, StoredRepository> stored = storedRepositories.get().stream()
                .collect(Collectors.toMap(r -> r.info().key(), Function.identity()));
        Instant now = context.clock().instant();
        List<String> expired = new ArrayList<>();
        for (YumRepoConfig r : config.yum()) {
            StoredRepository s = stored.get(ConfiguredRepositories.key(r));
            if (r.enabled() && !r.metadataNeverExpires() && (s == null
                    || !s.info().updatedAt().plusSeconds(r.metadataExpireSeconds()).isAfter(now))) {
                expired.add(r.id());
            }
        }
        return expired;
    }
}
