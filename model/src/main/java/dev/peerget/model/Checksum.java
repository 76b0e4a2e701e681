package dev.peerget.model;

import java.nio.charset.StandardCharsets;
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

    // A plain loop over the bytes: this runs for every checksum of every package of an index (hundreds of thousands
    // per update), in code the launcher's C1-only JIT compiles, where String.charAt is a call per character.
    // Characters outside Latin-1 become '?', which is not hex either.
    private static boolean isLowerHex(String s) {
        for (byte c : s.getBytes(StandardCharsets.ISO_8859_1)) {
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
