package dev.peerget.engine.query;

import java.util.Objects;

/**
 * A Debian version that a preference record naming its package pins, as {@code apt-cache policy} lists it under
 * "Pinned packages" ({@code pkg -> version with priority P}).
 *
 * @param packageName the name as apt prints it: with {@code :arch} only for a foreign architecture
 *                    ({@code pkgCache::PkgIterator::FullName(true)})
 * @param priority    the record's Pin-Priority (never 0: apt refuses such a record)
 */
public record PinnedVersion(String packageName, String version, int priority) {
    public PinnedVersion {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(version, "version");
    }
}
