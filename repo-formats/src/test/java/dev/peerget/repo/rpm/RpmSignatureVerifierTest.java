package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.repo.pgp.Keyring;
import dev.peerget.repo.rpm.VerifiedRpm.PayloadCoverage;
import dev.peerget.testing.FixtureRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signed fixture packages (scripts/make-fixture-repos.sh: rpmbuild + rpmsign, RSA 3072, V4 RSA/SHA512
 * header signature, SHA-256 payload digest), intact and damaged, each verdict compared with the real
 * {@code rpmkeys --checksig} at {@code %_pkgverify_level signature}.
 */
class RpmSignatureVerifierTest {
    private static final String HELLO = "Packages/pg-hello-1.0-1.x86_64.rpm";

    @TempDir
    static Path shared;

    private static FixtureRepos repos;
    private static Keyring repoKey;
    private static Path repoDb;
    private static Path otherDb;

    private final RpmSignatureVerifier verifier = new RpmSignatureVerifier();

    @BeforeAll
    static void keys() throws Exception {
        repos = FixtureRepos.get();
        repoKey = Keyring.load(List.of(repos.keyArmored()));
        repoDb = RpmTools.keyDb(shared.resolve("repo-db"), repos.keyArmored());
        otherDb = RpmTools.keyDb(shared.resolve("other-db"), repos.otherKeyArmored());
    }

    @Test
    void everyFixturePackageVerifiesAgainstTheRepositoryKeyAsRpmSays() throws Exception {
        List<Path> rpms;
        try (Stream<Path> files = Files.list(repos.yumRoot().resolve("Packages"))) {
            rpms = files.filter(p -> p.toString().endsWith(".rpm")).sorted().toList();
        }
        assertThat(rpms).hasSize(16);
        for (Path rpm : rpms) {
            VerifiedRpm verified = verifier.verify(rpm, repoKey, Instant.now());

            assertThat(verified.signerFingerprint()).isEqualTo(repos.fingerprint());
            assertThat(verified.payloadCoverage()).isEqualTo(PayloadCoverage.SIGNED_PAYLOAD_DIGEST);
            assertThat(RpmTools.checksig(repoDb, rpm).output()).contains("Header V4 RSA/SHA512 Signature");
            assertRpmAccepts(repoDb, rpm);
        }
    }

    @Test
    void staticShortcutVerifiesNow() throws Exception {
        assertThat(RpmSignatureVerifier.verify(repos.yumRoot().resolve(HELLO), repoKey).signerFingerprint())
                .isEqualTo(repos.fingerprint());
    }

    @Test
    void aKeyringWithOtherKeysToo() throws Exception {
        Keyring both = Keyring.load(List.of(repos.otherKeyArmored(), repos.keyArmored()));

        assertThat(verifier.verify(repos.yumRoot().resolve(HELLO), both, Instant.now()).signerFingerprint())
                .isEqualTo(repos.fingerprint());
    }

    @Test
    void theWrongKeyIsRefusedNamingTheSignersKeyId() throws Exception {
        Path rpm = repos.yumRoot().resolve(HELLO);
        Keyring other = Keyring.load(List.of(repos.otherKeyArmored()));
        String keyId = repos.fingerprint().substring(24);

        refusal(rpm, other)
                .hasMessageContaining("package " + rpm + " is signed by key " + keyId)
                .hasMessageContaining("not among the repository's keys (the repository's keys are "
                        + other.fingerprints().get(0) + ")")
                .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                        .contains("gpgkey="));
        assertRpmRefuses(otherDb, rpm);
    }

    @Test
    void anEmptyKeyringIsRefusedSayingNoKeyIsImported() {
        refusal(repos.yumRoot().resolve(HELLO), Keyring.empty())
                .hasMessageContaining("no key is imported for the repository");
    }

    @Test
    void aFlippedPayloadByteIsRefusedAsTampering(@TempDir Path dir) throws Exception {
        Path rpm = copy(dir);
        RpmTools.flipByte(rpm, Files.size(rpm) - 40);

        refusal(rpm, repoKey).hasMessageContaining("has a payload that does not match its signed header")
                .hasMessageContaining("SHA-256 digest");
        assertRpmRefuses(repoDb, rpm);
    }

    @Test
    void aFlippedMainHeaderByteIsRefusedAsABadSignature(@TempDir Path dir) throws Exception {
        Path rpm = copy(dir);
        int summary = RpmTools.indexOf(rpm, "peerget fixture package".getBytes(StandardCharsets.US_ASCII));
        RpmTools.flipByte(rpm, summary);

        refusal(rpm, repoKey).hasMessageContaining("package " + rpm + " has a bad signature")
                .hasMessageContaining("BADSIG " + repos.fingerprint());
        assertRpmRefuses(repoDb, rpm);
    }

    @Test
    void aFlippedByteInTheSignatureItselfIsRefusedAsABadSignature(@TempDir Path dir) throws Exception {
        Path rpm = copy(dir);
        byte[] signature = RpmTools.signatureTag(rpm, "RSAHEADER");
        // The last bytes of the packet are the RSA signature value; changing one leaves a well-formed packet.
        RpmTools.flipByte(rpm, RpmTools.indexOf(rpm, signature) + signature.length - 3);

        refusal(rpm, repoKey).hasMessageContaining("has a bad signature").hasMessageContaining("BADSIG");
        assertRpmRefuses(repoDb, rpm);
    }

    @Test
    void anUnsignedPackageIsRefusedBecauseTheRepositoryHasGpgcheck(@TempDir Path dir) throws Exception {
        Path rpm = copy(dir);
        RpmTools.deleteSignatures(rpm);

        refusal(rpm, repoKey).hasMessage("package " + rpm + " is not signed; the repository has gpgcheck=1");
        assertRpmRefuses(repoDb, rpm);
        // Without the signature level rpm passes it: its digests are intact. gpgcheck=1 is what refuses it.
        assertThat(RpmTools.run(List.of("rpmkeys", "--dbpath", repoDb.toString(), "--checksig", rpm.toString()))
                .ok()).isTrue();
    }

    /** Cut inside the lead, the signature header's index and data, the main header, and the payload. */
    @ParameterizedTest
    @ValueSource(strings = {"lead", "signature index", "signature data", "main header", "payload", "last byte"})
    void aTruncatedPackageIsRefusedAsTruncated(String where, @TempDir Path dir) throws Exception {
        Path rpm = copy(dir);
        long size = Files.size(rpm);
        long length = switch (where) {
            case "lead" -> 60;
            case "signature index" -> 120;
            case "signature data" -> 600;
            case "main header" -> RpmTools.indexOf(rpm, "peerget fixture package".getBytes(StandardCharsets.US_ASCII));
            case "payload" -> size - 100;
            default -> size - 1;
        };
        try (var channel = Files.newByteChannel(rpm, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }

        refusal(rpm, repoKey).hasMessageContaining("package " + rpm + " is truncated");
        assertRpmRefuses(repoDb, rpm);
    }

    @Test
    void bytesAppendedAfterThePayloadAreRefused(@TempDir Path dir) throws Exception {
        Path rpm = copy(dir);
        Files.write(rpm, "appended".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);

        refusal(rpm, repoKey).hasMessageContaining("does not match its signed header")
                .hasMessageContaining("the file has 8 bytes more than its signature header says");
        assertRpmRefuses(repoDb, rpm);
    }

    @Test
    void aDebianPackageIsNotAnRpm() throws Exception {
        Path deb = repos.aptRoot().resolve("pool/main/p/pg-base/pg-base_1.0-1_amd64.deb");

        refusal(deb, repoKey).hasMessageStartingWith(deb + " is not an RPM package: it starts with 21 3C 61 72");
        assertRpmRefuses(repoDb, deb);
    }

    @Test
    void anEmptyFileIsNotAnRpm(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.rpm"));

        refusal(empty, repoKey).hasMessage(empty + " is not an RPM package: it has only 0 bytes");
        assertRpmRefuses(repoDb, empty);
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path dir) {
        assertThatThrownBy(() -> verifier.verify(dir.resolve("gone.rpm"), repoKey, Instant.now()))
                .isInstanceOf(NoSuchFileException.class);
    }

    private static Path copy(Path dir) throws IOException {
        return Files.copy(repos.yumRoot().resolve(HELLO), dir.resolve("pg-hello-1.0-1.x86_64.rpm"));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusal(Path rpm, Keyring keys) {
        return assertThatThrownBy(() -> verifier.verify(rpm, keys, Instant.now()))
                .isInstanceOf(VerificationException.class);
    }

    static void assertRpmAccepts(Path db, Path rpm) throws Exception {
        RpmTools.Result r = RpmTools.checksig(db, rpm);
        assertThat(r.ok()).as("rpmkeys --checksig accepts %s:%n%s", rpm, r.output()).isTrue();
    }

    static void assertRpmRefuses(Path db, Path rpm) throws Exception {
        RpmTools.Result r = RpmTools.checksig(db, rpm);
        assertThat(r.ok()).as("rpmkeys --checksig refuses %s:%n%s", rpm, r.output()).isFalse();
    }
}
