package dev.peerget.engine;

import dev.peerget.model.PackageFormat;
import java.time.Instant;
import java.util.Objects;

/**
 * A configured repository for {@code repolist}: what the configuration says and what the store holds.
 *
 * @param id           apt: URI and suite; yum: the repo id
 * @param name         display name
 * @param format       apt or yum
 * @param enabled      whether update fetches it
 * @param source       the configuration file (and line) it comes from
 * @param packageCount packages stored for it, 0 before its first update
 * @param updatedAt    the last successful update, null when never
 * @param torrentInfoHash the info hash of the torrent the repository publishes, null when none (or not updated)
 */
public record RepositoryView(String id, String name, PackageFormat format, boolean enabled, String source,
                             long packageCount, Instant updatedAt, String torrentInfoHash) {
    public RepositoryView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
    }
}
