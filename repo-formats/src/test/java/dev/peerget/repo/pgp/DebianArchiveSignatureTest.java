package dev.peerget.repo.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's real bookworm metadata against Debian's real archive keyring. */
class DebianArchiveSignatureTest {
    /** apt's keyring from the debian-archive-keyring package (installed by scripts/install-test-deps.sh). */
    private static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    /** The bookworm Release's Date; the real clock is past its Valid-Until. Signatures are ~30 s younger. */
    private static final Instant BOOKWORM_DATE = Instant.parse("2026-07-11T10:16:37Z");
    private static final Instant UPDATES_DATE = Instant.parse("2026-11-20T02:11:10Z");
    /** The subkey of "Debian Archive Automatic Signing Key (12/bookworm)" that signs the archive. */
    private static final String BOOKWORM_SUBKEY = "4CB50190207B4758A3F73A796ED0E7B82643E131";
    private static final String BOOKWORM_PRIMARY = "B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8";

    private static Keyring debian;
    private final SignatureVerifier verifier = new SignatureVerifier();

    @BeforeAll
    static void loadKeyring() {
        assertThat(DEBIAN_KEYRING)
                .withFailMessage("%s is missing: apt-get install debian-archive-keyring (scripts/install-test-deps.sh)",
                        DEBIAN_KEYRING)
                .isRegularFile();
        debian = Keyring.load(List.of(DEBIAN_KEYRING));
    }

    @Test
    void bookwormInReleaseVerifiesAndYieldsExactlyTheReleaseFile() throws IOException {
        VerifiedText verified = verifier.verifyClearsigned(bytes("apt/debian-bookworm-fetched/InRelease"), debian,
                "bookworm/InRelease", BOOKWORM_DATE);

        assertThat(verified.signerFingerprint()).isEqualTo(BOOKWORM_SUBKEY);
        assertThat(debian.primaryFingerprintOf(verified.signerFingerprint())).contains(BOOKWORM_PRIMARY);
        assertThat(verified.text().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(bytes("apt/debian-bookworm-fetched/Release"));
    }

    @Test
    void bookwormReleaseVerifiesWithItsDetachedSignature() throws IOException {
        String signer = verifier.verifyDetached(bytes("apt/debian-bookworm-fetched/Release"),
                bytes("apt/debian-bookworm-fetched/Release.gpg"), debian, "bookworm/Release", BOOKWORM_DATE);

        assertThat(signer).isEqualTo(BOOKWORM_SUBKEY);
    }

    @Test
    void staleDetachedSignatureFromAProxyIsRejectedWhileInReleaseVerifies() throws IOException {
        byte[] release = bytes("apt/debian-bookworm-updates-fetched/Release");

        assertThatThrownBy(() -> verifier.verifyDetached(release,
                bytes("apt/debian-bookworm-updates-fetched/Release.gpg.STALE-from-proxy"), debian,
                "bookworm-updates/Release", UPDATES_DATE))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("bookworm-updates/Release")
                .hasMessageContaining("BADSIG " + BOOKWORM_SUBKEY)
                .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                        .contains("stale or tampered"));
        VerifiedText verified = verifier.verifyClearsigned(bytes("apt/debian-bookworm-updates-fetched/InRelease"),
                debian, "bookworm-updates/InRelease", UPDATES_DATE);
        assertThat(verified.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(release);
    }

    @Test
    void oneChangedByteInTheSignedTextFails() throws IOException {
        byte[] inRelease = bytes("apt/debian-bookworm-fetched/InRelease");
        int at = indexOf(inRelease, "Codename: bookworm") + "Codename: ".length();
        inRelease[at] = 'B';

        assertThatThrownBy(() -> verifier.verifyClearsigned(inRelease, debian, "tampered/InRelease", BOOKWORM_DATE))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("tampered/InRelease")
                .hasMessageContaining("BADSIG");
    }

    @Test
    void oneChangedByteInDetachedReleaseFails() throws IOException {
        byte[] release = bytes("apt/debian-bookworm-fetched/Release");
        release[release.length - 2] ^= 1;

        assertThatThrownBy(() -> verifier.verifyDetached(release, bytes("apt/debian-bookworm-fetched/Release.gpg"),
                debian, "bookworm/Release", BOOKWORM_DATE))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("BADSIG");
    }

    @Test
    void dataAppendedAfterTheSignatureIsRejected() throws IOException {
        byte[] inRelease = bytes("apt/debian-bookworm-fetched/InRelease");
        byte[] appended = concat(inRelease, "Origin: Evil\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> verifier.verifyClearsigned(appended, debian, "appended/InRelease", BOOKWORM_DATE))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("appended/InRelease")
                .hasMessageContaining("after the signature is not signed");
    }

    @Test
    void dataBeforeTheSignedMessageIsRejected() throws IOException {
        byte[] prefixed = concat("Origin: Evil\n\n".getBytes(StandardCharsets.US_ASCII),
                bytes("apt/debian-bookworm-fetched/InRelease"));

        assertThatThrownBy(() -> verifier.verifyClearsigned(prefixed, debian, "prefixed/InRelease", BOOKWORM_DATE))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("content before");
    }

    @Test
    void keyringWithoutTheArchiveKeyReportsNoPubkeyLikeApt() throws IOException {
        Keyring joe = Keyring.load(List.of(Corpus.path("apt/apt-upstream-tests/joesixpack.pub")));

        assertThatThrownBy(() -> verifier.verifyClearsigned(bytes("apt/debian-bookworm-fetched/InRelease"), joe,
                "bookworm/InRelease", BOOKWORM_DATE))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("NO_PUBKEY 6ED0E7B82643E131")
                .hasMessageContaining("34A8E9D18DB320F367E8EAA05A90D141DBAC8DAE")
                .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                        .contains("Signed-By"));
    }

    @Test
    void afterTheBookwormKeysExpiredOnlyTheTrixieKeyStillVerifies() throws IOException {
        Instant afterBookwormExpiry = Instant.parse("2031-06-01T00:00:00Z");
        Keyring bookwormOnly = Keyring.load(List.of(DEBIAN_KEYRING.resolveSibling("debian-archive-bookworm-automatic.gpg"),
                DEBIAN_KEYRING.resolveSibling("debian-archive-bookworm-stable.gpg")));
        byte[] release = bytes("apt/debian-bookworm-fetched/Release");
        byte[] signature = bytes("apt/debian-bookworm-fetched/Release.gpg");

        assertThatThrownBy(() -> verifier.verifyDetached(release, signature, bookwormOnly, "bookworm/Release",
                afterBookwormExpiry))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("EXPKEYSIG " + BOOKWORM_SUBKEY + " (subkey expired on 2031-01-19")
                .hasMessageContaining("EXPKEYSIG 4D64FEC119C2029067D6E791F8D2585B8783D481")
                .hasMessageContaining("NO_PUBKEY 78DBA3BC47EF2265")
                .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                        .contains("expired or revoked"));
        // Release.gpg also carries a signature by the trixie archive subkey (valid until 2035): one is enough.
        assertThat(verifier.verifyDetached(release, signature, debian, "bookworm/Release", afterBookwormExpiry))
                .isEqualTo("B8E5F13176D2A7A75220028078DBA3BC47EF2265");
    }

    @Test
    void signaturesFromTheFutureAreRejected() throws IOException {
        Instant longBefore = Instant.parse("2026-07-01T00:00:00Z");

        assertThatThrownBy(() -> verifier.verifyDetached(bytes("apt/debian-bookworm-fetched/Release"),
                bytes("apt/debian-bookworm-fetched/Release.gpg"), debian, "bookworm/Release", longBefore))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("created in the future");
    }

    static byte[] bytes(String corpusPath) throws IOException {
        return Files.readAllBytes(Corpus.path(corpusPath));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] data, String needle) {
        return new String(data, StandardCharsets.ISO_8859_1).indexOf(needle);
    }
}
