package dev.peerget.repo.pgp.internal;

import java.io.IOException;
import java.util.Arrays;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks one data signature against a set of certificates at a given time, the way gpgv plus apt's gpgv
 * method judge it. Stateless and thread-safe (each call works on signatures it parsed itself).
 */
public final class SignatureChecker {
    private static final PGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Map<Integer, String> HASH_NAMES = Map.of(1, "MD5", 2, "SHA1", 3, "RIPEMD160",
            8, "SHA256", 9, "SHA384", 10, "SHA512", 11, "SHA224", 12, "SHA3-256", 14, "SHA3-512");

    private final Set<Integer> rejectedHashAlgorithms;
    private final Duration clockSkewTolerance;

    public SignatureChecker(Set<Integer> rejectedHashAlgorithms, Duration clockSkewTolerance) {
        this.rejectedHashAlgorithms = Set.copyOf(rejectedHashAlgorithms);
        this.clockSkewTolerance = clockSkewTolerance;
    }

    /**
     * Parses signature packets: binary, or armored {@code SIGNATURE} blocks with nothing but blank lines
     * around them (apt's rule for {@code Release.gpg}).
     *
     * @throws IOException when the data holds anything else or is corrupt
     */
    public static List<PGPSignature> readSignatures(byte[] data) throws IOException {
        List<PGPSignature> sigs = new ArrayList<>();
        if (data.length > 0 && (data[0] & 0x80) != 0) {
            readBinary(data, sigs);
        } else {
            for (byte[] block : ArmorBlocks.decode(data, "SIGNATURE", true)) {
                readBinary(block, sigs);
            }
        }
        if (sigs.isEmpty()) {
            throw new IOException("it contains no signature");
        }
        return sigs;
    }

    private static void readBinary(byte[] data, List<PGPSignature> into) throws IOException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(data);
        for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
            if (o instanceof PGPSignatureList list) {
                list.forEach(into::add);
            } else if (!(o instanceof PGPMarker)) {
                throw new IOException("it contains a " + o.getClass().getSimpleName() + " where only signatures belong");
            }
        }
    }

    /** Checks {@code sig} over {@code data} (a fresh, unshared signature object) at {@code now}. */
    public SignatureOutcome check(PGPSignature sig, byte[] data, List<PGPPublicKeyRing> certificates, Instant now) {
        String keyId = String.format("%016X", sig.getKeyID());
        SignatureOutcome best = null;
        for (PGPPublicKeyRing ring : certificates) {
            PGPPublicKey key = ring.getPublicKey(sig.getKeyID());
            if (key == null || !issuerFingerprintMatches(sig, key)) {
                continue;
            }
            SignatureOutcome outcome = checkWith(sig, data, ring, key, now);
            if (best == null || rank(outcome) > rank(best)) {
                best = outcome;
            }
        }
        return best != null ? best : new SignatureOutcome.NoPublicKey(keyId);
    }

    private SignatureOutcome checkWith(PGPSignature sig, byte[] data, PGPPublicKeyRing ring, PGPPublicKey key,
            Instant now) {
        String fpr = HEX.formatHex(key.getFingerprint());
        int type = sig.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return new SignatureOutcome.Bad(fpr, String.format("signature type 0x%02X is not a document signature", type));
        }
        try {
            sig.init(VERIFIERS, key);
            sig.update(data);
            if (!sig.verify()) {
                return new SignatureOutcome.Bad(fpr, "the signature does not match the data");
            }
        } catch (PGPException | RuntimeException e) {
            return new SignatureOutcome.Bad(fpr, "cannot be checked: " + e.getMessage());
        }
        int hash = sig.getHashAlgorithm();
        if (rejectedHashAlgorithms.contains(hash)) {
            // apt's gpgv method: "untrusted digest algorithm" — treated like an expired key.
            return new SignatureOutcome.Worthless(fpr, "ERRSIG", "untrusted digest algorithm: "
                    + HASH_NAMES.getOrDefault(hash, "#" + hash));
        }
        Instant created = sig.getCreationTime().toInstant();
        if (created.isAfter(now.plus(clockSkewTolerance))) {
            return new SignatureOutcome.Worthless(fpr, "ERRSIG", "signature created in the future, at " + created);
        }
        PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
        long validFor = hashed == null ? 0 : hashed.getSignatureExpirationTime();
        if (validFor > 0 && !created.plusSeconds(validFor).isAfter(now)) {
            return new SignatureOutcome.Worthless(fpr, "EXPSIG", "signature expired on " + created.plusSeconds(validFor));
        }
        KeyValidity.Verdict verdict = KeyValidity.check(ring, key, now);
        return switch (verdict.problem()) {
            case NONE -> new SignatureOutcome.Good(fpr);
            case EXPIRED -> new SignatureOutcome.Worthless(fpr, "EXPKEYSIG", verdict.detail());
            case REVOKED -> new SignatureOutcome.Worthless(fpr, "REVKEYSIG", verdict.detail());
            case NOT_FOR_SIGNING, UNBOUND -> new SignatureOutcome.Worthless(fpr, "ERRSIG", verdict.detail());
        };
    }

    /** An issuer-fingerprint subpacket, when present, must name this very key: a key ID alone can collide. */
    private static boolean issuerFingerprintMatches(PGPSignature sig, PGPPublicKey key) {
        PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
        IssuerFingerprint issuer = hashed == null ? null : hashed.getIssuerFingerprint();
        return issuer == null || Arrays.equals(issuer.getFingerprint(), key.getFingerprint());
    }

    private static int rank(SignatureOutcome outcome) {
        if (outcome instanceof SignatureOutcome.Good) {
            return 3;
        }
        if (outcome instanceof SignatureOutcome.Worthless) {
            return 2;
        }
        return outcome instanceof SignatureOutcome.Bad ? 1 : 0;
    }
}
