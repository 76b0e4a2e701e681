package dev.peerget.repo.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** apt's own test keyrings (test/integration/*.pub in apt's source), including the expired "Rex Expired". */
class AptTestKeysTest {
    private static final String DIR = "apt/apt-upstream-tests/";
    private static final String REX = "891CC50E605796A0C6E733F74BC0A39C27CE74F9";
    private static final String SEBASTIAN = "648E6A33FDE5CB5BA2D896A3CA3E1DFF1E6BE149";
    private static final String SEBASTIAN_SUBKEY = "4281DEDBD466EAE8C1F4157E5B6896415D44C43E";
    private static final byte[] RELEASE = "Origin: Test\nSuite: unstable\n".getBytes(StandardCharsets.US_ASCII);

    private final SignatureVerifier verifier = new SignatureVerifier();

    @Test
    void allOfAptsTestKeyringsLoadTogether() {
        Keyring keyring = Keyring.load(List.of(Corpus.path(DIR + "joesixpack.pub"), Corpus.path(DIR + "marvinparanoid.pub"),
                Corpus.path(DIR + "rexexpired.pub"), Corpus.path(DIR + "sebastiansubkey.pub"),
                Corpus.path(DIR + "keyrings/test-archive-keyring.pub"), Corpus.path(DIR + "keyrings/test-master-keyring.pub")));

        assertThat(keyring.isEmpty()).isFalse();
        assertThat(keyring.fingerprints()).hasSize(6)
                .contains("34A8E9D18DB320F367E8EAA05A90D141DBAC8DAE", "DE66AECA9151AFA1877EC31DE8525D47528144E2", REX,
                        SEBASTIAN, "B4E15C83CC893C55B53D4EA1FDD2DB85F68C85A3");
    }

    @Test
    void theExpiredKeyDoesNotVerify() throws Exception {
        // Rex's only self-signature dates from 2016 and sets a lifetime of one day from 2013-07-12: there was
        // never a moment at which the key was valid, so every verification reports it expired.
        Keyring rex = Keyring.load(List.of(Corpus.path(DIR + "rexexpired.pub")));
        byte[] signature = TestSigner.signDetached(Corpus.path(DIR + "rexexpired.sec"), REX, RELEASE,
                Instant.parse("2016-08-17T10:00:00Z"));

        assertThatThrownBy(() -> verifier.verifyDetached(RELEASE, signature, rex, "rex/Release",
                Instant.parse("2026-01-01T00:00:00Z")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("rex/Release")
                .hasMessageContaining("EXPKEYSIG " + REX + " (primary key expired on 2013-07-13")
                .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                        .contains("expired or revoked"));
    }

    @Test
    void aSignatureBySubkeyNamesTheSubkeyAndItsCertificate() throws Exception {
        Keyring sebastian = Keyring.load(List.of(Corpus.path(DIR + "sebastiansubkey.pub")));
        byte[] signature = TestSigner.signDetached(Corpus.path(DIR + "sebastiansubkey.sec"), SEBASTIAN_SUBKEY, RELEASE,
                Instant.parse("2020-01-01T00:00:00Z"));

        String signer = verifier.verifyDetached(RELEASE, signature, sebastian, "sub/Release",
                Instant.parse("2024-01-01T00:00:00Z"));

        assertThat(signer).isEqualTo(SEBASTIAN_SUBKEY);
        assertThat(sebastian.primaryFingerprintOf(signer)).contains(SEBASTIAN);
        assertThat(sebastian.primaryFingerprintOf("5B6896415D44C43E")).contains(SEBASTIAN);
    }

    @Test
    void aSignatureByAnotherTestKeyIsNoPubkey() throws Exception {
        Keyring joe = Keyring.load(List.of(Corpus.path(DIR + "joesixpack.pub")));
        byte[] signature = TestSigner.signDetached(Corpus.path(DIR + "marvinparanoid.sec"),
                "DE66AECA9151AFA1877EC31DE8525D47528144E2", RELEASE, Instant.parse("2020-01-01T00:00:00Z"));

        assertThatThrownBy(() -> verifier.verifyDetached(RELEASE, signature, joe, "marvin/Release",
                Instant.parse("2024-01-01T00:00:00Z")))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("NO_PUBKEY E8525D47528144E2");
    }
}
