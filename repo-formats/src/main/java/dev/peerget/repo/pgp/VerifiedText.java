package dev.peerget.repo.pgp;

import java.util.Objects;

/**
 * The content of a clearsigned file whose signature verified, and who signed it.
 *
 * @param text the signed text exactly as apt reads it: dash-escapes removed, trailing whitespace stripped,
 *     every line ended by LF (for Debian's archive this equals the detached-signed {@code Release})
 * @param signerFingerprint upper-case hex fingerprint of the key that made the good signature — a subkey's
 *     when a subkey signed; {@link Keyring#primaryFingerprintOf} gives its certificate
 */
public record VerifiedText(String text, String signerFingerprint) {
    public VerifiedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signerFingerprint, "signerFingerprint");
    }
}
