package dev.peerget.repo.pgp;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the verifier accepts beyond a mathematically good signature.
 *
 * @param rejectedHashAlgorithms OpenPGP hash algorithm ids (RFC 4880 §9.4) whose signatures count as
 *     worthless; {@link #DEFAULT} rejects MD5 (1), SHA-1 (2) and RIPEMD-160 (3), as apt's gpgv method does
 *     (its digest table marks them {@code Untrusted}): collisions are practical for MD5 and SHA-1
 * @param clockSkewTolerance how far in the future (relative to the verification time) a signature's creation
 *     time may lie. apt runs gpgv with {@code --ignore-time-conflict} and accepts any skew; we allow one hour
 *     so that a badly set clock still works but a far-future signature (made to outlive a key's expiry or
 *     revocation) does not
 */
public record SignaturePolicy(Set<Integer> rejectedHashAlgorithms, Duration clockSkewTolerance) {
    public static final int MD5 = 1;
    public static final int SHA1 = 2;
    public static final int RIPEMD160 = 3;

    /** apt's rules: no MD5, SHA-1 or RIPEMD-160; one hour of clock skew. */
    public static final SignaturePolicy DEFAULT =
            new SignaturePolicy(Set.of(MD5, SHA1, RIPEMD160), Duration.ofHours(1));

    public SignaturePolicy {
        rejectedHashAlgorithms = Set.copyOf(rejectedHashAlgorithms);
        Objects.requireNonNull(clockSkewTolerance, "clockSkewTolerance");
        if (clockSkewTolerance.isNegative()) {
            throw new IllegalArgumentException("clockSkewTolerance must not be negative: " + clockSkewTolerance);
        }
    }

    /**
     * This policy with SHA-1 signatures accepted — what older yum repositories (and librepo via gpgme) still
     * need; an explicit opt-in per repository, never the default.
     */
    public SignaturePolicy withSha1Accepted() {
        return new SignaturePolicy(rejectedHashAlgorithms.stream().filter(a -> a != SHA1)
                .collect(java.util.stream.Collectors.toUnmodifiableSet()), clockSkewTolerance);
    }
}
