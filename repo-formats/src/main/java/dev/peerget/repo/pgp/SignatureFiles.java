package dev.peerget.repo.pgp;

import dev.peerget.repo.pgp.internal.ClearsignedMessage;
import dev.peerget.repo.pgp.internal.SignatureChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;

/**
 * What signature files say about themselves, without verifying anything: who claims to have signed them, and the
 * text a clearsigned file carries. A mirror tool uses it to tell whether a signature still belongs to its index
 * and which key to sign again with. Never use it to decide trust ({@link SignatureVerifier} does that).
 * Stateless and thread-safe.
 */
public final class SignatureFiles {
    private static final String SIGNED_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";

    private SignatureFiles() {
    }

    /**
     * The issuers of the signatures in {@code data} (a clearsigned file, or a detached signature, armored or
     * binary), in order, each as the issuer fingerprint when the signature carries one (upper-case hex) and else
     * as the 16-digit key ID. Empty when {@code data} holds no readable signature.
     */
    public static List<String> issuers(byte[] data) {
        try {
            byte[] signatures = data;
            if (new String(data, 0, Math.min(data.length, 64), StandardCharsets.US_ASCII).startsWith(SIGNED_MESSAGE)) {
                signatures = ClearsignedMessage.parse(data).signatureArmor();
            }
            Set<String> out = new LinkedHashSet<>();
            for (PGPSignature sig : SignatureChecker.readSignatures(signatures)) {
                PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
                IssuerFingerprint issuer = hashed == null ? null : hashed.getIssuerFingerprint();
                out.add(issuer != null ? HexFormat.of().withUpperCase().formatHex(issuer.getFingerprint())
                        : String.format(Locale.ROOT, "%016X", sig.getKeyID()));
            }
            return List.copyOf(out);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * The text of a clearsigned file ({@code InRelease}) as its Release counterpart holds it (lines ended by LF,
     * dash-escapes removed), or empty when {@code data} is not a well-formed clearsigned message.
     */
    public static Optional<String> clearsignedText(byte[] data) {
        try {
            return Optional.of(ClearsignedMessage.parse(data).text());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
