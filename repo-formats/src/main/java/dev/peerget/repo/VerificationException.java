package dev.peerget.repo;

import dev.peerget.model.PeergetException;

/**
 * Content that failed verification: a bad, missing or untrusted OpenPGP signature, an expired index, or a
 * checksum or size that does not match the signed index. Never retried silently; nothing it covers is used.
 */
public class VerificationException extends PeergetException {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, String hint) {
        super(message, hint);
    }

    public VerificationException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
