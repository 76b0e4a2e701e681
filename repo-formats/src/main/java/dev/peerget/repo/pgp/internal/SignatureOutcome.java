package dev.peerget.repo.pgp.internal;

/**
 * What checking one signature found, named after the gpgv status lines apt's gpgv method reads
 * ({@code GOODSIG}, {@code BADSIG}, {@code NO_PUBKEY}, {@code EXPKEYSIG}, …) so messages read like apt's.
 */
public sealed interface SignatureOutcome {
    /** The status word and key, e.g. {@code NO_PUBKEY 6ED0E7B82643E131}, plus the reason when there is one. */
    String describe();

    /** A good signature by a usable key of the keyring. */
    record Good(String fingerprint) implements SignatureOutcome {
        @Override
        public String describe() {
            return "GOODSIG " + fingerprint;
        }
    }

    /** Signed by a key the keyring does not hold (long key ID, as gpgv reports it). */
    record NoPublicKey(String keyId) implements SignatureOutcome {
        @Override
        public String describe() {
            return "NO_PUBKEY " + keyId;
        }
    }

    /** The signature does not match the data: the data or signature was changed, or they do not belong together. */
    record Bad(String fingerprint, String reason) implements SignatureOutcome {
        @Override
        public String describe() {
            return "BADSIG " + fingerprint + " (" + reason + ")";
        }
    }

    /**
     * Mathematically good, but apt would not trust it: expired or revoked key ({@code EXPKEYSIG},
     * {@code REVKEYSIG}), expired signature ({@code EXPSIG}), weak digest or other policy failure
     * ({@code ERRSIG}).
     */
    record Worthless(String fingerprint, String status, String reason) implements SignatureOutcome {
        @Override
        public String describe() {
            return status + " " + fingerprint + " (" + reason + ")";
        }
    }
}
