package dev.peerget.repo.pgp;

import dev.peerget.repo.VerificationException;
import dev.peerget.repo.pgp.internal.ClearsignedMessage;
import dev.peerget.repo.pgp.internal.SignatureChecker;
import dev.peerget.repo.pgp.internal.SignatureOutcome;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Verifies OpenPGP signatures on repository metadata: apt's clearsigned {@code InRelease}, detached
 * {@code Release.gpg}, and yum's {@code repomd.xml.asc}.
 *
 * <p>Follows apt's gpgv method: a file is trusted when at least one signature is good and made by a usable
 * key of the repository's keyring; signatures by unknown keys are ignored (archives sign with several keys
 * during key rollovers), but if none verifies every failure is reported, one status each ({@code NO_PUBKEY},
 * {@code BADSIG}, {@code EXPKEYSIG}, …). Expired or revoked keys, weak digests and far-future signatures make a
 * signature worthless (see {@link SignaturePolicy}).
 *
 * <p>Stateless and thread-safe; one instance may serve every repository.
 */
public final class SignatureVerifier {
    private final SignatureChecker checker;

    /** A verifier with apt's rules ({@link SignaturePolicy#DEFAULT}). */
    public SignatureVerifier() {
        this(SignaturePolicy.DEFAULT);
    }

    public SignatureVerifier(SignaturePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        this.checker = new SignatureChecker(policy.rejectedHashAlgorithms(), policy.clockSkewTolerance());
    }

    /**
     * Verifies a clearsigned file ({@code InRelease}) and returns its signed text.
     *
     * @param sourceName the URL or file the data came from, for messages
     * @param now the time at which keys must be valid (usually the current time)
     * @throws VerificationException if the file is not a well-formed clearsigned message (including unsigned
     *     text before or after it) or no signature is good and by a usable key of {@code keyring}
     */
    public VerifiedText verifyClearsigned(byte[] inRelease, Keyring keyring, String sourceName, Instant now) {
        ClearsignedMessage message;
        List<PGPSignature> signatures;
        try {
            message = ClearsignedMessage.parse(inRelease);
            signatures = SignatureChecker.readSignatures(message.signatureArmor());
        } catch (IllegalArgumentException | IOException e) {
            throw new VerificationException("clearsigned file " + sourceName + " is not valid: " + e.getMessage(),
                    "the server may have sent something else (a captive portal or proxy error page?) or the file"
                            + " was tampered with; run update again", e);
        }
        String signer = firstGood(signatures, message.signedData(), keyring, sourceName, now);
        return new VerifiedText(message.text(), signer);
    }

    /**
     * The text of a clearsigned file <em>without checking any signature</em>, split exactly as
     * {@link #verifyClearsigned} splits it. Only for work that may start while the signatures are being checked
     * and is thrown away unless {@link #verifyClearsigned} then returns the same text; never trust it otherwise.
     *
     * @return the signed text, or empty when the file is not a well-formed clearsigned message (then
     *     {@link #verifyClearsigned} throws)
     */
    public static Optional<String> unverifiedText(byte[] inRelease) {
        try {
            return Optional.of(ClearsignedMessage.parse(inRelease).text());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Verifies a detached signature ({@code Release.gpg}, {@code repomd.xml.asc}; armored or binary) over
     * {@code data} and returns the fingerprint of the key that made the good signature.
     *
     * @throws VerificationException if the signature file is malformed or no signature is good and by a
     *     usable key of {@code keyring}
     */
    public String verifyDetached(byte[] data, byte[] signature, Keyring keyring, String sourceName, Instant now) {
        List<PGPSignature> signatures;
        try {
            signatures = SignatureChecker.readSignatures(signature);
        } catch (IOException | RuntimeException e) {
            throw new VerificationException("detached signature for " + sourceName + " is not valid: " + e.getMessage(),
                    "the server may have sent something else (a captive portal or proxy error page?) or the file"
                            + " was tampered with; run update again", e);
        }
        return firstGood(signatures, data, keyring, sourceName, now);
    }

    private String firstGood(List<PGPSignature> signatures, byte[] signed, Keyring keyring, String sourceName,
            Instant now) {
        List<SignatureOutcome> failures = new ArrayList<>();
        for (PGPSignature sig : signatures) {
            SignatureOutcome outcome = checker.check(sig, signed, keyring.certificates(), now);
            if (outcome instanceof SignatureOutcome.Good good) {
                return good.fingerprint();
            }
            failures.add(outcome);
        }
        throw failure(failures, keyring, sourceName);
    }

    private static VerificationException failure(List<SignatureOutcome> failures, Keyring keyring, String source) {
        String reasons = failures.stream().map(SignatureOutcome::describe).collect(Collectors.joining(", "));
        String trusted = keyring.isEmpty() ? "the keyring is empty"
                : "trusted keys: " + String.join(", ", keyring.fingerprints());
        String message = "no valid OpenPGP signature on " + source + ": " + reasons + " (" + trusted + ")";
        return new VerificationException(message, hintFor(failures));
    }

    /** The most telling failure decides the hint: tampering before expiry before a missing key. */
    private static String hintFor(List<SignatureOutcome> failures) {
        if (failures.stream().anyMatch(SignatureOutcome.Bad.class::isInstance)) {
            return "the file may be stale or tampered with (or a proxy mixed files from different updates);"
                    + " run update again";
        }
        for (SignatureOutcome o : failures) {
            if (o instanceof SignatureOutcome.Worthless w) {
                switch (w.status()) {
                    case "EXPKEYSIG", "REVKEYSIG":
                        return "the repository's key is expired or revoked; install its current key (for Debian,"
                                + " an updated debian-archive-keyring) and name it in Signed-By / gpgkey=";
                    case "EXPSIG":
                        return "the signature has expired; the file is stale, run update again";
                    default:
                        if (w.reason().startsWith("untrusted digest")) {
                            return "the repository signs with a weak digest; ask its owner to re-sign with SHA-256"
                                    + " or better";
                        }
                        if (w.reason().contains("future")) {
                            return "check the system clock";
                        }
                        return "the signing key cannot be used for signatures; install the repository's current key";
                }
            }
        }
        return "install the repository's key and name it in Signed-By (apt) or gpgkey= (dnf)";
    }
}
