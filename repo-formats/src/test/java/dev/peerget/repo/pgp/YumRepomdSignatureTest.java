package dev.peerget.repo.pgp;

import static dev.peerget.repo.pgp.DebianArchiveSignatureTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code repomd.xml.asc} from librepo's, libdnf's and dnf5's own test repositories. */
class YumRepomdSignatureTest {
    private static final String LIBREPO_01 = "yum/librepo/tests/test_data/repo_yum_01/repodata/";
    private static final String SERVERMOCK_01 = "yum/librepo/tests/python/tests/servermock/yum_mock/static/01/repodata/";
    private static final String LIBREPO_KEY = "F4FC5B6AC58696023B9DBFB197BDB7906441EDF5";
    private static final Instant IN_2024 = Instant.parse("2024-01-01T00:00:00Z");

    private final SignatureVerifier verifier = new SignatureVerifier();

    @Test
    void librepoRepomdVerifiesWithItsBinaryAndItsArmoredKey() throws IOException {
        byte[] repomd = bytes(LIBREPO_01 + "repomd.xml");
        byte[] asc = bytes(LIBREPO_01 + "repomd.xml.asc");

        assertThat(verifier.verifyDetached(repomd, asc, key(LIBREPO_01 + "repomd.xml.key"), "repo_yum_01", IN_2024))
                .isEqualTo(LIBREPO_KEY);
        assertThat(verifier.verifyDetached(repomd, asc, key(LIBREPO_01 + "repomd.xml.key.asc"), "repo_yum_01",
                IN_2024)).isEqualTo(LIBREPO_KEY);
    }

    @Test
    void librepoRepomdWithAnotherKeyReportsNoPubkey() throws IOException {
        assertThatThrownBy(() -> verifier.verifyDetached(bytes(LIBREPO_01 + "repomd.xml"),
                bytes(LIBREPO_01 + "repomd.xml.asc"), key(LIBREPO_01 + "repomd.xml_bad.key.asc"), "repo_yum_01",
                IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("repo_yum_01")
                .hasMessageContaining("NO_PUBKEY 97BDB7906441EDF5");
    }

    @Test
    void servermockGoodSignatureVerifiesAndTheBadOneDoesNot() throws IOException {
        byte[] repomd = bytes(SERVERMOCK_01 + "repomd.xml");
        Keyring keyring = key(SERVERMOCK_01 + "repomd.xml.key");

        assertThat(verifier.verifyDetached(repomd, bytes(SERVERMOCK_01 + "repomd.xml.asc"), keyring, "mock/01",
                IN_2024)).isEqualTo(LIBREPO_KEY);
        assertThatThrownBy(() -> verifier.verifyDetached(repomd, bytes(SERVERMOCK_01 + "repomd.xml.asc.bad"),
                keyring, "mock/01", IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("NO_PUBKEY 46AF958A22F2C4E9");
    }

    @Test
    void libdnfSha1SignatureIsRejectedByDefaultAndGoodWhenSha1IsAccepted() throws IOException {
        byte[] repomd = bytes("yum/libdnf/gpg-asc/repodata/repomd.xml");
        byte[] asc = bytes("yum/libdnf/gpg-asc/repodata/repomd.xml.asc");
        Keyring keyring = key("yum/libdnf/gpgkey/signing_key.pub");

        assertThatThrownBy(() -> verifier.verifyDetached(repomd, asc, keyring, "gpg-asc", IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("untrusted digest algorithm: SHA1")
                .satisfies(e -> assertThat(((VerificationException) e).hint()).get().asString()
                        .contains("weak digest"));
        SignatureVerifier legacy = new SignatureVerifier(SignaturePolicy.DEFAULT.withSha1Accepted());
        assertThat(legacy.verifyDetached(repomd, asc, keyring, "gpg-asc", IN_2024))
                .isEqualTo("4748DF3ADCBA96A4EB4234B819489D8145A37EDE");
    }

    @Test
    void libdnfClearsignedFileInPlaceOfADetachedSignatureIsRejected() throws IOException {
        Path repodata = Corpus.path("yum/libdnf/gpg-wrong-asc/repodata");
        String target = Files.readString(repodata.resolve("repomd.xml.symlink-target")).strip();
        byte[] repomd = Files.readAllBytes(repodata.resolve(target));

        assertThatThrownBy(() -> verifier.verifyDetached(repomd, Files.readAllBytes(repodata.resolve("repomd.xml.asc")),
                key("yum/libdnf/gpgkey/signing_key.pub"), "gpg-wrong-asc", IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("detached signature for gpg-wrong-asc is not valid")
                .hasMessageContaining("does not belong to a signature block");
    }

    @Test
    void missingSignatureFileAndMissingKeyFail() throws IOException {
        byte[] repomd = bytes("yum/libdnf/gpg-asc/repodata/repomd.xml");
        byte[] asc = bytes("yum/libdnf/gpg-asc/repodata/repomd.xml.asc");

        // gpg-no-asc: the repository has no repomd.xml.asc, which the caller hands over as no bytes at all.
        assertThatThrownBy(() -> verifier.verifyDetached(repomd, new byte[0], key("yum/libdnf/gpgkey/signing_key.pub"),
                "gpg-no-asc", IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("no '-----BEGIN PGP SIGNATURE-----' block found");
        // gpg-no-pubkey: repo_gpgcheck=1 without gpgkey=.
        assertThatThrownBy(() -> verifier.verifyDetached(repomd, asc, Keyring.empty(), "gpg-no-pubkey", IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("NO_PUBKEY 19489D8145A37EDE")
                .hasMessageContaining("the keyring is empty");
    }

    @Test
    void dnf5RepomdVerifiesWithItsKey() throws IOException {
        String repodata = "yum/dnf5/test/data/repos-repomd/repomd-repo1-gpg/repodata/";

        assertThat(verifier.verifyDetached(bytes(repodata + "repomd.xml"), bytes(repodata + "repomd.xml.asc"),
                key("yum/dnf5/test/data/keys/repo-gpg-key.pub"), "repomd-repo1-gpg",
                Instant.parse("2026-07-15T00:00:00Z")))
                .isEqualTo("1C27D6B1FB0839580FB272EC01F76D0A2ECFAFB4");
    }

    @Test
    void signatureByAKeyThatHasSinceExpiredFails() throws IOException {
        String dir = "yum/librepo/tests/test_data/expired_test/";
        byte[] data = bytes(dir + "test_data.txt");
        byte[] asc = bytes(dir + "test_data.txt.asc");
        Keyring expired = key(dir + "expired_key.asc");

        assertThatThrownBy(() -> verifier.verifyDetached(data, asc, expired, "test_data.txt", IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("EXPKEYSIG C23757E59948601C6B3CB69F5DFF8B9DDC1B3C1F")
                .hasMessageContaining("expired on 2020-01-01");
        assertThat(verifier.verifyDetached(data, asc, expired, "test_data.txt", Instant.parse("2019-06-01T00:00:00Z")))
                .isEqualTo("C23757E59948601C6B3CB69F5DFF8B9DDC1B3C1F");
    }

    @Test
    void armoredSignatureWithTextAroundItIsRejected() throws IOException {
        byte[] asc = bytes(LIBREPO_01 + "repomd.xml.asc");
        byte[] withBanner = DebianArchiveSignatureTest.concat("<html>proxy says hi</html>\n"
                .getBytes(StandardCharsets.US_ASCII), asc);

        assertThatThrownBy(() -> verifier.verifyDetached(bytes(LIBREPO_01 + "repomd.xml"), withBanner,
                key(LIBREPO_01 + "repomd.xml.key"), "repo_yum_01", IN_2024))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("line 1 does not belong to a signature block");
    }

    private static Keyring key(String corpusPath) {
        return Keyring.load(List.of(Corpus.path(corpusPath)));
    }
}
