package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.repo.pgp.Keyring;
import dev.peerget.repo.rpm.VerifiedRpm.PayloadCoverage;
import dev.peerget.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signed packages made by others: rpm's own test suite (V3 and V4 signature packets, RSA and EdDSA, signing
 * subkeys, a package without a payload digest algorithm tag, a truncated one) and a real Fedora 16 package
 * signed with Fedora's key, from before payload digests existed. Each verdict is compared with
 * {@code rpmkeys --checksig} wherever this rpm (4.18) can import the key.
 */
class RpmSignatureCorpusTest {
    private static final String RPMS = "rpm/rpm-upstream-tests/tests/data/RPMS/";
    private static final String KEYS = "rpm/rpm-upstream-tests/tests/data/keys/";
    private static final String FEDORA16_RPM =
            "yum/librepo/tests/python/tests/servermock/yum_mock/static/01/filesystem-2.4.44-1.fc16.i686.rpm";
    private static final String FEDORA16_KEY = "rpm/keys-distribution-gpg-keys/RPM-GPG-KEY-fedora-16-primary";
    private static final String RPM_ORG_RSA = "771B18D3D7BAA28734333C424344591E1964C5FC";

    private final RpmSignatureVerifier verifier = new RpmSignatureVerifier();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # V4 RSA/SHA256 header signature and legacy signature; the payload digest covers the payload
            hello-2.0-1.x86_64-signed.rpm          | rpm.org-rsa-2048-test.pub | SIGNED_PAYLOAD_DIGEST | 771B18D3D7BAA28734333C424344591E1964C5FC
            # V3 signature packets
            hello-2.0-1.x86_64-v3-signed.rpm       | rpm.org-rsa-2048-test.pub | SIGNED_PAYLOAD_DIGEST | 771B18D3D7BAA28734333C424344591E1964C5FC
            # PAYLOADDIGEST without PAYLOADDIGESTALGO (rpm 6 build): SHA-256, as rpm defaults
            hlinktest-1.0-1.noarch-v3sig.rpm       | rpm.org-rsa-2048-test.pub | SIGNED_PAYLOAD_DIGEST | 771B18D3D7BAA28734333C424344591E1964C5FC
            # an extra post-quantum signature in a tag rpm 4.18 does not know: the RSA signatures decide
            hello-2.0-1.x86_64-signed-mldsa87.rpm  | rpm.org-rsa-2048-test.pub | SIGNED_PAYLOAD_DIGEST | 771B18D3D7BAA28734333C424344591E1964C5FC
            # bad IMA file signatures are the kernel's business, not the package signature's
            hello-2.0-1.x86_64-badima.rpm          | rpm.org-rsa-2048-test.pub | SIGNED_PAYLOAD_DIGEST | 771B18D3D7BAA28734333C424344591E1964C5FC
            """)
    void signedPackagesFromRpmsTestSuiteVerifyAsRpmSays(String rpm, String key, PayloadCoverage coverage,
            String signer, @TempDir Path dir) throws Exception {
        Path file = Corpus.path(RPMS + rpm);
        Path keyFile = Corpus.path(KEYS + key);

        VerifiedRpm verified = verifier.verify(file, Keyring.load(List.of(keyFile)), Instant.now());

        assertThat(verified.payloadCoverage()).isEqualTo(coverage);
        assertThat(verified.signerFingerprint()).isEqualTo(signer);
        RpmSignatureVerifierTest.assertRpmAccepts(RpmTools.keyDb(dir.resolve("db"), keyFile), file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # the payload is missing (rpm's test for a digest mismatch)
            hello-2.0-1.x86_64-corrupted.rpm       | rpm.org-rsa-2048-test.pub | is truncated: it ends right after the main header, without a payload
            hello-2.0-1.x86_64.rpm                 | rpm.org-rsa-2048-test.pub | is not signed; the repository has gpgcheck=1
            # EdDSA, by a key that is not in the corpus
            mwe-rpm-lua-problem-1.0.0-1.noarch.rpm | rpm.org-ed25519-test.pub  | is signed by key C0AC2C8F21B6383F, which is not among the repository's keys
            # made by a signing subkey of alice.asc: its primary key alone does not do
            hello-2.0-1.x86_64-signed-with-subkey.rpm | rpm.org-rsa-2048-test.pub | is signed by key 1F71177215217EE0
            """)
    void packagesFromRpmsTestSuiteAreRefusedAsRpmRefusesThem(String rpm, String key, String reason, @TempDir Path dir)
            throws Exception {
        Path file = Corpus.path(RPMS + rpm);
        Path keyFile = Corpus.path(KEYS + key);

        assertThatThrownBy(() -> verifier.verify(file, Keyring.load(List.of(keyFile)), Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("package " + file + " " + reason);
        RpmSignatureVerifierTest.assertRpmRefuses(RpmTools.keyDb(dir.resolve("db"), keyFile), file);
    }

    /**
     * Signatures by signing subkeys, RSA (alice) and EdDSA (a subkey added to rpm.org's RSA key). rpm 4.18
     * cannot import these certificates ("key 1 import failed"; rpm 4.19 and later can, and their test suite
     * expects both packages to pass), so rpm is no oracle here: the test shows that the import still fails,
     * which keeps this claim honest, and that the good signature is credited to the certificate's primary key.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hello-2.0-1.x86_64-signed-with-subkey.rpm     | alice.asc                       | B6542F92F30650C36B6F41BCB3A771BFEB04E625
            hello-2.0-1.x86_64-signed-with-new-subkey.rpm | rpm.org-rsa-2048-add-subkey.asc | 771B18D3D7BAA28734333C424344591E1964C5FC
            """)
    void packagesSignedBySubkeysVerifyWithTheirCertificate(String rpm, String key, String primary, @TempDir Path dir)
            throws Exception {
        Path file = Corpus.path(RPMS + rpm);
        Path keyFile = Corpus.path(KEYS + key);

        VerifiedRpm verified = verifier.verify(file, Keyring.load(List.of(keyFile)), Instant.now());

        assertThat(verified.signerFingerprint()).isEqualTo(primary);
        Files.createDirectories(dir.resolve("db"));
        assertThat(RpmTools.run(List.of("rpmkeys", "--dbpath", dir.resolve("db").toString(), "--import",
                keyFile.toString())).output()).contains("import failed");
    }

    @Test
    void fedora16PackageWithoutPayloadDigestVerifiesThroughItsHeaderAndPayloadSignature(@TempDir Path dir)
            throws Exception {
        Path file = Corpus.path(FEDORA16_RPM);
        Path key = Corpus.path(FEDORA16_KEY);

        VerifiedRpm verified = verifier.verify(file, Keyring.load(List.of(key)), Instant.now());

        assertThat(verified.payloadCoverage()).isEqualTo(PayloadCoverage.HEADER_AND_PAYLOAD_SIGNATURE);
        assertThat(verified.signerFingerprint()).isEqualTo("05A912AC70457C3DBC82D352067F00B6A82BA4B7");
        RpmSignatureVerifierTest.assertRpmAccepts(RpmTools.keyDb(dir.resolve("db"), key), file);
    }

    @Test
    void fedora16PackageWithAFlippedPayloadByteFailsItsHeaderAndPayloadSignature(@TempDir Path dir)
            throws Exception {
        Path file = Files.copy(Corpus.path(FEDORA16_RPM), dir.resolve("filesystem.rpm"));
        // filesystem is almost all header (thousands of directories); its payload is the last few kilobytes.
        RpmTools.flipByte(file, Files.size(file) - 100);
        Path key = Corpus.path(FEDORA16_KEY);

        assertThatThrownBy(() -> verifier.verify(file, Keyring.load(List.of(key)), Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("package " + file + " has a bad signature")
                .hasMessageContaining("header and payload of " + file)
                .hasMessageContaining("BADSIG 05A912AC70457C3DBC82D352067F00B6A82BA4B7");
        RpmSignatureVerifierTest.assertRpmRefuses(RpmTools.keyDb(dir.resolve("db"), key), file);
    }

    @Test
    void theRsaTestKeyDoesNotVerifyFedorasPackage() {
        Path file = Corpus.path(FEDORA16_RPM);

        assertThatThrownBy(() -> verifier.verify(file, Keyring.load(List.of(Corpus.path(KEYS
                + "rpm.org-rsa-2048-test.pub"))), Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("is signed by key 067F00B6A82BA4B7")
                .hasMessageContaining(RPM_ORG_RSA);
    }
}
