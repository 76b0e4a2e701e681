package dev.peerget.repo.rpm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An {@code .rpm} file whose OpenPGP signature {@link RpmSignatureVerifier} found good.
 *
 * @param file the verified file
 * @param signerFingerprint the primary fingerprint (40 upper-case hex digits) of the repository key whose
 *     signature verified; the signature itself may have been made by one of its signing subkeys
 * @param payloadCoverage how the signature reaches the payload (the compressed file archive)
 */
public record VerifiedRpm(Path file, String signerFingerprint, PayloadCoverage payloadCoverage) {
    public VerifiedRpm {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(signerFingerprint, "signerFingerprint");
        Objects.requireNonNull(payloadCoverage, "payloadCoverage");
    }

    /** What vouches for the payload. */
    public enum PayloadCoverage {
        /**
         * The main header carries the payload's digest ({@code PAYLOADDIGEST}, rpm 4.14 and later) and a
         * header-only signature covers the main header.
         */
        SIGNED_PAYLOAD_DIGEST,
        /** A legacy signature ({@code SIGTAG_PGP}/{@code SIGTAG_GPG}) covers main header and payload together. */
        HEADER_AND_PAYLOAD_SIGNATURE
    }
}
