package dev.peerget.repo.deb;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How an apt source names the OpenPGP keys allowed to sign it ({@code Signed-By}, sources.list(5)): a keyring
 * file, a key embedded in the {@code .sources} file, or the fingerprint of a key in the trusted keyrings.
 * Immutable and thread-safe.
 */
public sealed interface KeyRef {

    /** A keyring file ({@code .gpg} binary or {@code .asc} armored); relative to the root being managed. */
    record KeyFile(Path path) implements KeyRef {
        public KeyFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** An ASCII-armored public key block written inline in a deb822 {@code .sources} file. */
    record Inline(String armored) implements KeyRef {
        public Inline {
            Objects.requireNonNull(armored, "armored");
            if (!armored.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
                throw new IllegalArgumentException("inline Signed-By is not an armored public key block");
            }
        }
    }

    /**
     * A key or subkey fingerprint (hex, upper case); a trailing {@code !} in apt means "exactly this
     * subkey", kept in {@code exact}.
     */
    record Fingerprint(String hex, boolean exact) implements KeyRef {
        public Fingerprint {
            Objects.requireNonNull(hex, "hex");
            hex = hex.toUpperCase(Locale.ROOT);
            if (!hex.matches("[0-9A-F]{16,64}")) {
                throw new IllegalArgumentException("not a key fingerprint: '" + hex + "'");
            }
        }
    }

    /**
     * Classifies one {@code Signed-By} word: anything with a slash or a keyring suffix is a file, hex is a
     * fingerprint.
     *
     * @throws IllegalArgumentException when it is neither
     */
    static KeyRef parseWord(String word) {
        if (word.contains("/") || word.endsWith(".gpg") || word.endsWith(".asc")) {
            return new KeyFile(Path.of(word));
        }
        boolean exact = word.endsWith("!");
        String hex = exact ? word.substring(0, word.length() - 1) : word;
        if (!hex.matches("[0-9A-Fa-f]{16,64}")) {
            throw new IllegalArgumentException("Signed-By '" + word + "' is neither a keyring path nor a fingerprint");
        }
        return new Fingerprint(hex, exact);
    }
}
