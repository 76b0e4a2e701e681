package dev.peerget.repo.pgp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.junit.jupiter.api.Test;

/** rpm's test certificates for Alice: the same signing subkey, plain, revoked and expired. */
class KeyValidityTest {
    private static final String KEYS = "rpm/rpm-upstream-tests/tests/data/keys/";
    private static final long SUBKEY_ID = 0x1F71177215217EE0L;
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void aliceSigningSubkeyIsUsable() throws IOException {
        PGPPublicKeyRing alice = ring("alice.asc");

        assertThat(KeyValidity.check(alice, alice.getPublicKey(SUBKEY_ID), NOW).usable()).isTrue();
    }

    @Test
    void certifyOnlyPrimaryKeyMayNotSignData() throws IOException {
        PGPPublicKeyRing alice = ring("alice.asc");

        assertThat(KeyValidity.check(alice, alice.getPublicKey(), NOW).problem())
                .isEqualTo(KeyValidity.Problem.NOT_FOR_SIGNING);
    }

    @Test
    void revokedSubkeyIsRevoked() throws IOException {
        PGPPublicKeyRing alice = ring("alice-revoked-subkey.asc");

        KeyValidity.Verdict verdict = KeyValidity.check(alice, alice.getPublicKey(SUBKEY_ID), NOW);

        assertThat(verdict.problem()).isEqualTo(KeyValidity.Problem.REVOKED);
        assertThat(verdict.detail()).startsWith("subkey revoked on 2022-04-11");
    }

    @Test
    void expiredSubkeyIsExpired() throws IOException {
        PGPPublicKeyRing alice = ring("alice-expired-subkey.asc");

        assertThat(KeyValidity.check(alice, alice.getPublicKey(SUBKEY_ID), NOW).problem())
                .isEqualTo(KeyValidity.Problem.EXPIRED);
    }

    @Test
    void subkeyBindingWithoutValidSignatureIsUnbound() throws IOException {
        // CVE-2021-3521: a subkey whose binding signature does not verify must not be trusted.
        PGPPublicKeyRing bad = ring("CVE-2021-3521-badbind.asc");

        for (PGPPublicKey key : bad) {
            if (!key.isMasterKey()) {
                assertThat(KeyValidity.check(bad, key, NOW).problem()).isEqualTo(KeyValidity.Problem.UNBOUND);
            }
        }
        assertThat(bad.getPublicKeys()).toIterable().hasSizeGreaterThan(1);
    }

    private static PGPPublicKeyRing ring(String name) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(Corpus.path(KEYS + name)))) {
            return new PGPPublicKeyRing(in, new BcKeyFingerprintCalculator());
        }
    }
}
