package dev.peerget.repo.pgp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Decides whether a key of a certificate may verify a data signature at a given time, as gpgv does for apt:
 * a revoked or expired key only yields {@code REVKEYSIG}/{@code EXPKEYSIG}, which apt's gpgv method counts as
 * worthless. Every self-signature used is checked cryptographically, so a forged expiry or binding cannot
 * change the verdict. Stateless and thread-safe.
 */
public final class KeyValidity {
    private static final PGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();

    /** Why a key cannot be used; {@link #NONE} when it can. */
    public enum Problem { NONE, EXPIRED, REVOKED, NOT_FOR_SIGNING, UNBOUND }

    /** The verdict for one key: a problem and its human-readable detail ("expired on 2013-07-13T…"). */
    public record Verdict(Problem problem, String detail) {
        static final Verdict USABLE = new Verdict(Problem.NONE, "usable");

        public boolean usable() {
            return problem == Problem.NONE;
        }
    }

    private KeyValidity() {
    }

    /** Whether {@code key} (the primary key of {@code ring} or one of its subkeys) may sign data at {@code now}. */
    public static Verdict check(PGPPublicKeyRing ring, PGPPublicKey key, Instant now) {
        PGPPublicKey primary = ring.getPublicKey();
        for (PGPSignature rev : list(primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION))) {
            if (issuedBy(rev, primary) && verifies(rev, primary, s -> s.verifyCertification(primary))) {
                return new Verdict(Problem.REVOKED, "primary key revoked on " + rev.getCreationTime().toInstant());
            }
        }
        PGPSignature self = latestSelfSignature(primary, now);
        if (self == null && primary.getVersion() > 3) {
            return new Verdict(Problem.UNBOUND, "primary key has no valid self-signature");
        }
        Instant primaryExpiry = expiry(primary, self);
        if (primaryExpiry != null && !primaryExpiry.isAfter(now)) {
            return new Verdict(Problem.EXPIRED, "primary key expired on " + primaryExpiry);
        }
        if (key.getKeyID() == primary.getKeyID()) {
            return lacksSignFlag(self) ? new Verdict(Problem.NOT_FOR_SIGNING, "primary key is not for signing")
                    : Verdict.USABLE;
        }
        return checkSubkey(primary, key, now);
    }

    private static Verdict checkSubkey(PGPPublicKey primary, PGPPublicKey subkey, Instant now) {
        for (PGPSignature rev : list(subkey.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION))) {
            if (issuedBy(rev, primary) && verifies(rev, primary, s -> s.verifyCertification(primary, subkey))) {
                return new Verdict(Problem.REVOKED, "subkey revoked on " + rev.getCreationTime().toInstant());
            }
        }
        PGPSignature binding = null;
        for (PGPSignature sig : list(subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING))) {
            if (issuedBy(sig, primary) && !sig.getCreationTime().toInstant().isAfter(now)
                    && (binding == null || sig.getCreationTime().after(binding.getCreationTime()))
                    && verifies(sig, primary, s -> s.verifyCertification(primary, subkey))) {
                binding = sig;
            }
        }
        if (binding == null) {
            return new Verdict(Problem.UNBOUND, "subkey has no valid binding signature");
        }
        if (lacksSignFlag(binding)) {
            return new Verdict(Problem.NOT_FOR_SIGNING, "subkey is not for signing");
        }
        // RFC 4880 §11.1 / RFC 9580 §10.1.5: a signing subkey must carry a back-signature, otherwise anyone
        // could bind someone else's signing key to their certificate. gpg refuses unsigned ones the same way.
        if (!crossCertified(binding, primary, subkey)) {
            return new Verdict(Problem.UNBOUND, "signing subkey is not cross-certified (no primary key binding)");
        }
        Instant expiry = expiry(subkey, binding);
        if (expiry != null && !expiry.isAfter(now)) {
            return new Verdict(Problem.EXPIRED, "subkey expired on " + expiry);
        }
        return Verdict.USABLE;
    }

    /** The newest verified self-certification of a user ID, or direct-key signature, made before {@code now}. */
    private static PGPSignature latestSelfSignature(PGPPublicKey primary, Instant now) {
        List<Candidate> candidates = new ArrayList<>();
        for (byte[] uid : list(primary.getRawUserIDs())) {
            for (PGPSignature sig : list(primary.getSignaturesForID(uid))) {
                candidates.add(new Candidate(sig, s -> s.verifyCertification(uid, primary)));
            }
        }
        for (PGPSignature sig : list(primary.getSignaturesOfType(PGPSignature.DIRECT_KEY))) {
            candidates.add(new Candidate(sig, s -> s.verifyCertification(primary)));
        }
        PGPSignature latest = null;
        for (Candidate c : candidates) {
            PGPSignature sig = c.sig();
            boolean selfCert = sig.isCertification() || sig.getSignatureType() == PGPSignature.DIRECT_KEY;
            if (selfCert && issuedBy(sig, primary) && !sig.getCreationTime().toInstant().isAfter(now)
                    && (latest == null || sig.getCreationTime().after(latest.getCreationTime()))
                    && verifies(sig, primary, c.check())) {
                latest = sig;
            }
        }
        return latest;
    }

    private static boolean crossCertified(PGPSignature binding, PGPPublicKey primary, PGPPublicKey subkey) {
        for (PGPSignatureSubpacketVector area : new PGPSignatureSubpacketVector[] {
                binding.getHashedSubPackets(), binding.getUnhashedSubPackets()}) {
            if (area == null) {
                continue;
            }
            try {
                PGPSignatureList embedded = area.getEmbeddedSignatures();
                for (PGPSignature back : embedded) {
                    if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
                            && verifies(back, subkey, s -> s.verifyCertification(primary, subkey))) {
                        return true;
                    }
                }
            } catch (PGPException e) {
                // A malformed embedded signature certifies nothing; keep looking in the other area.
            }
        }
        return false;
    }

    /** When {@code key} expires according to {@code selfSig}; {@code null} when it never does. */
    private static Instant expiry(PGPPublicKey key, PGPSignature selfSig) {
        long seconds;
        if (key.getVersion() <= 3) {
            seconds = key.getValidDays() * 86_400L;
        } else {
            PGPSignatureSubpacketVector hashed = selfSig == null ? null : selfSig.getHashedSubPackets();
            seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
        }
        return seconds <= 0 ? null : key.getCreationTime().toInstant().plusSeconds(seconds);
    }

    private static boolean lacksSignFlag(PGPSignature selfSig) {
        PGPSignatureSubpacketVector hashed = selfSig == null ? null : selfSig.getHashedSubPackets();
        // Without a key-flags subpacket the usage follows from the algorithm (RFC 4880 §5.2.3.21); allow it.
        if (hashed == null || hashed.getSubpacket(SignatureSubpacketTags.KEY_FLAGS) == null) {
            return false;
        }
        return (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) == 0;
    }

    static boolean issuedBy(PGPSignature sig, PGPPublicKey key) {
        return sig.getKeyID() == key.getKeyID();
    }

    /**
     * Verifies a copy of {@code sig}: {@code init} mutates a signature, and the keyring's signatures are shared
     * by every thread verifying with it.
     */
    private static boolean verifies(PGPSignature sig, PGPPublicKey signer, Check check) {
        try {
            PGPSignature copy = new PGPSignature(new BCPGInputStream(new ByteArrayInputStream(sig.getEncoded())));
            copy.init(VERIFIERS, signer);
            return check.run(copy);
        } catch (IOException | PGPException | RuntimeException e) {
            // Unsupported algorithms and malformed packets make a self-signature invalid, not the keyring.
            return false;
        }
    }

    private static <T> List<T> list(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @FunctionalInterface
    private interface Check {
        boolean run(PGPSignature sig) throws PGPException;
    }

    private record Candidate(PGPSignature sig, Check check) {
    }
}
