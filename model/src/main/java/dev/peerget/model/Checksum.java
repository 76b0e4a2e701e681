package dev.peerget.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** An expected digest of some content, as lower-case hex. */
public record Checksum(HashAlgorithm algorithm, String hex) {
    /** {@code md5:}, {@code sha256:}, …: {@link #toString} runs for every package an update stores. */
    private static final String[] PREFIXES = Arrays.stream(HashAlgorithm.values())
            .map(a -> a.name().toLowerCase(Locale.ROOT) + ":").toArray(String[]::new);

    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        // Indexes write digests in lower case: checked as given first, lower-cased only when that fails
        // (String.toLowerCase is a call per character in the C1-compiled code an update runs).
        if (hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            hex = hex.toLowerCase(Locale.ROOT);
            if (hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
                throw new IllegalArgumentException("not a " + algorithm + " digest: '" + hex + "'");
            }
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
        return PREFIXES[algorithm.ordinal()] + hex;
    }
}
