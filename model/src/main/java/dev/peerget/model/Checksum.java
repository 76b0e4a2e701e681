package dev.peerget.model;

import java.util.Locale;
import java.util.Objects;

/** An expected digest of some content, as lower-case hex. */
public record Checksum(HashAlgorithm algorithm, String hex) {
    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength() || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a " + algorithm + " digest: '" + hex + "'");
        }
    }

    @Override
    public String toString() {
        return algorithm.name().toLowerCase(Locale.ROOT) + ":" + hex;
    }
}
