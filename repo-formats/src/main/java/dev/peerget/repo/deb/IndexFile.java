package dev.peerget.repo.deb;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One file a Release file vouches for: its path relative to the suite directory ({@code dists/<suite>/}), its
 * size and every digest the Release lists for it. Immutable and thread-safe.
 *
 * @param path      relative path such as {@code main/binary-amd64/Packages.gz}
 * @param size      size in bytes
 * @param checksums at most one digest per algorithm, in the order the Release lists them
 */
public record IndexFile(String path, long size, List<Checksum> checksums) {
    public IndexFile {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty index file path");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
        checksums = List.copyOf(checksums);
    }

    /** The digest of one algorithm, if the Release lists it. */
    public Optional<Checksum> checksum(HashAlgorithm algorithm) {
        return checksums.stream().filter(c -> c.algorithm() == algorithm).findFirst();
    }

    /** The strongest listed digest, if any. */
    public Optional<Checksum> strongest() {
        Checksum best = null;
        for (Checksum c : checksums) {
            if (best == null || c.algorithm().compareTo(best.algorithm()) > 0) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }
}
