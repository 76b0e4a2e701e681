package dev.peerget.model;

import java.util.Locale;
import java.util.Optional;

/** Digest algorithms found in repository indexes, strongest last. */
public enum HashAlgorithm {
    MD5("MD5", 32),
    SHA1("SHA-1", 40),
    SHA256("SHA-256", 64),
    SHA512("SHA-512", 128);

    private final String javaName;
    private final int hexLength;

    HashAlgorithm(String javaName, int hexLength) {
        this.javaName = javaName;
        this.hexLength = hexLength;
    }

    /** Name for {@link java.security.MessageDigest#getInstance(String)}. */
    public String javaName() {
        return javaName;
    }

    public int hexLength() {
        return hexLength;
    }

    /** Whether peerget trusts this algorithm to verify content (apt and dnf no longer trust MD5 or SHA-1). */
    public boolean isSecure() {
        return this == SHA256 || this == SHA512;
    }

    /**
     * Parses the names used by Release files ({@code SHA256}, {@code MD5Sum}) and repomd
     * ({@code sha256}, {@code sha}, {@code sha1}).
     */
    public static Optional<HashAlgorithm> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "md5", "md5sum" -> Optional.of(MD5);
            case "sha", "sha1" -> Optional.of(SHA1);
            case "sha256" -> Optional.of(SHA256);
            case "sha512" -> Optional.of(SHA512);
            default -> Optional.empty();
        };
    }
}
