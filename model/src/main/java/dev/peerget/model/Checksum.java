package dev.peerget.model;

import java.util.Locale;
import java.util.Objects;

/** An expected digest of some content, as lower-case hex. */
public record Checksum(HashAlgorithm algorithm, String hex) {
    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            throw new IllegalArgumentException("not a " + algorithm + " digest: '" + hex + "'");
        }
    }

    // A plain loop: this runs for every checksum of every package of an index (hundreds of thousands per update).
    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return algorithm.name().toLowerCase(Locale.ROOT) + ":" + hex;
    }
}
