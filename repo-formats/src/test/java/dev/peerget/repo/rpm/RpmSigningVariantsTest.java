package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.repo.pgp.Keyring;
import dev.peerget.repo.pgp.SignaturePolicy;
import dev.peerget.repo.rpm.VerifiedRpm.PayloadCoverage;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixtureRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages signed here with the real rpmsign and throwaway gpg keys, for what the fixture repository does not
 * have: EdDSA, the legacy {@code --rpmv3} signature, SHA-1 digests, an expired key, and a header signature that
 * leaves the payload uncovered. rpm's verdict is checked each time, agreeing or (where peerget is deliberately
 * stricter) not.
 */
class RpmSigningVariantsTest {
    @TempDir
    static Path shared;

    private static GpgRpmSigner rsa;
    private static GpgRpmSigner ed25519;
    private static Keyring rsaKey;
    private static Path rsaDb;

    private final RpmSignatureVerifier verifier = new RpmSignatureVerifier();

    @BeforeAll
    static void keys() throws Exception {
        rsa = GpgRpmSigner.generate(shared, "rsa2048");
        ed25519 = GpgRpmSigner.generate(shared, "ed25519");
        rsaKey = Keyring.load(List.of(rsa.publicKey()));
        rsaDb = RpmTools.keyDb(shared.resolve("rsa-db"), rsa.publicKey());
    }

    @AfterAll
    static void stopAgents() throws Exception {
        rsa.close();
        ed25519.close();
    }

    @Test
    void anEddsaSignatureVerifiesAsRpmSays(@TempDir Path dir) throws Exception {
        Path rpm = resignedFixture(dir, ed25519);

        VerifiedRpm verified = verifier.verify(rpm, Keyring.load(List.of(ed25519.publicKey())), Instant.now());

        assertThat(verified.signerFingerprint()).isEqualTo(ed25519.fingerprint());
        Path db = RpmTools.keyDb(dir.resolve("db"), ed25519.publicKey());
        assertThat(RpmTools.checksig(db, rpm).output()).contains("Header V4 EdDSA/SHA256 Signature");
        RpmSignatureVerifierTest.assertRpmAccepts(db, rpm);
    }

    @Test
    void anEddsaSignatureByAnotherKeyIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path rpm = resignedFixture(dir, ed25519);

        assertThatThrownBy(() -> verifier.verify(rpm, rsaKey, Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("is signed by key " + ed25519.fingerprint().substring(24));
        RpmSignatureVerifierTest.assertRpmRefuses(rsaDb, rpm);
    }

    @Test
    void withRpmv3TheHeaderSignatureAndPayloadDigestDecide(@TempDir Path dir) throws Exception {
        Path rpm = resignedFixture(dir, rsa, "--rpmv3");

        assertThat(verifier.verify(rpm, rsaKey, Instant.now()).payloadCoverage())
                .isEqualTo(PayloadCoverage.SIGNED_PAYLOAD_DIGEST);
        assertThat(RpmTools.checksig(rsaDb, rpm).output()).contains("V4 RSA/SHA512 Signature, key ID");
        RpmSignatureVerifierTest.assertRpmAccepts(rsaDb, rpm);
    }

    @Test
    void aSha1SignatureIsRefusedUnlessThePolicyAcceptsSha1(@TempDir Path dir) throws Exception {
        Path rpm = resignedFixture(dir, rsa, "--define", "_gpg_digest_algo sha1");

        assertThatThrownBy(() -> verifier.verify(rpm, rsaKey, Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("has a bad signature")
                .hasMessageContaining("untrusted digest algorithm: SHA1")
                .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                        .contains("weak digest"));
        RpmSignatureVerifier legacy = new RpmSignatureVerifier(SignaturePolicy.DEFAULT.withSha1Accepted());
        assertThat(legacy.verify(rpm, rsaKey, Instant.now()).signerFingerprint()).isEqualTo(rsa.fingerprint());
        // rpm 4.18 with its own OpenPGP code has no digest policy; distributions with rpm-sequoia refuse SHA-1.
        assertThat(RpmTools.checksig(rsaDb, rpm).output()).contains("Header V4 RSA/SHA1 Signature");
        RpmSignatureVerifierTest.assertRpmAccepts(rsaDb, rpm);
    }

    @Test
    void aKeyThatHasExpiredByVerificationTimeIsRefused(@TempDir Path dir) throws Exception {
        try (GpgRpmSigner shortLived = GpgRpmSigner.generate(dir, "rsa2048", "1d")) {
            Path rpm = resignedFixture(dir.resolve("pkg"), shortLived);
            Keyring key = Keyring.load(List.of(shortLived.publicKey()));

            assertThat(verifier.verify(rpm, key, Instant.now()).signerFingerprint())
                    .isEqualTo(shortLived.fingerprint());
            assertThatThrownBy(() -> verifier.verify(rpm, key, Instant.now().plus(Duration.ofDays(2))))
                    .isInstanceOf(VerificationException.class)
                    .hasMessageContaining("has a bad signature")
                    .hasMessageContaining("EXPKEYSIG " + shortLived.fingerprint())
                    .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                            .contains("expired or revoked"));
        }
    }

    /**
     * Fedora 16's filesystem package has no payload digest, so rpmsign adds the legacy header+payload signature
     * by itself. With that signature removed (its tag renamed to one nobody reads), only the MD5 in the unsigned
     * signature header would speak for the payload: peerget refuses the package, and so does rpm, which reports
     * the payload digest and the header+payload signature NOTFOUND.
     */
    @Test
    void aHeaderSignatureWithoutPayloadDigestOrLegacySignatureIsRefusedAsRpmRefusesIt(@TempDir Path dir)
            throws Exception {
        Path rpm = Files.copy(Corpus.path(
                "yum/librepo/tests/python/tests/servermock/yum_mock/static/01/filesystem-2.4.44-1.fc16.i686.rpm"),
                dir.resolve("filesystem.rpm"));
        RpmTools.deleteSignatures(rpm);
        rsa.sign(rpm);
        assertThat(verifier.verify(rpm, rsaKey, Instant.now()).payloadCoverage())
                .isEqualTo(PayloadCoverage.HEADER_AND_PAYLOAD_SIGNATURE);

        RpmTools.renameSignatureTag(rpm, 1002, 1003);

        assertThatThrownBy(() -> verifier.verify(rpm, rsaKey, Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessage("package " + rpm + " has a signed header but nothing signed covers its payload: it has"
                        + " neither a payload digest in the header (rpm 4.14 and later add one) nor a header+payload"
                        + " signature");
        RpmTools.Result rpmVerdict = RpmTools.checksig(rsaDb, rpm);
        assertThat(rpmVerdict.output()).contains("Header V4 RSA/SHA512 Signature, key ID")
                .contains("Payload SHA256 digest: NOTFOUND").contains("RSA signature: NOTFOUND");
        RpmSignatureVerifierTest.assertRpmRefuses(rsaDb, rpm);
    }

    /**
     * The cost of verifying a 10 MiB package (an incompressible file, stored uncompressed): parsing, one RSA
     * verification over the header, SHA-256 and MD5 over the payload. Printed for the record only (speed is the
     * install benchmark's business, docs/install-benchmarks.md); the test checks that such a package verifies,
     * every time, and that rpm accepts it too.
     */
    @Test
    void aTenMebibytePackageVerifies(@TempDir Path dir) throws Exception {
        Path rpm = RpmTools.buildPackage(dir, "pg-big", 10 << 20);
        rsa.sign(rpm);
        assertThat(Files.size(rpm)).isBetween(10L << 20, 11L << 20);

        long[] millis = new long[7];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            verifier.verify(rpm, rsaKey, Instant.now());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long rpmStart = System.nanoTime();
        RpmSignatureVerifierTest.assertRpmAccepts(rsaDb, rpm);
        long rpmMillis = (System.nanoTime() - rpmStart) / 1_000_000;

        long[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("verify %d-byte rpm: first %d ms, median of %d %d ms; rpmkeys --checksig %d ms%n",
                Files.size(rpm), millis[0], millis.length, sorted[millis.length / 2], rpmMillis);
    }

    /** The first fixture package with its signature replaced by one from {@code signer}. */
    private static Path resignedFixture(Path dir, GpgRpmSigner signer, String... rpmsignArgs) throws Exception {
        Files.createDirectories(dir);
        Path rpm = Files.copy(FixtureRepos.get().yumRoot().resolve("Packages/pg-base-1.0-1.x86_64.rpm"),
                dir.resolve("pg-base-1.0-1.x86_64.rpm"));
        RpmTools.deleteSignatures(rpm);
        signer.sign(rpm, rpmsignArgs);
        return rpm;
    }
}
