package dev.peerget.repo.pgp;

import static dev.peerget.repo.pgp.DebianArchiveSignatureTest.bytes;
import static dev.peerget.repo.pgp.DebianArchiveSignatureTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {
    private static final String LIBREPO_ARMORED = "yum/librepo/tests/test_data/repo_yum_01/repodata/repomd.xml.key.asc";
    private static final String DNF5_ARMORED = "yum/dnf5/test/data/keys/repo-gpg-key.pub";
    private static final String LIBREPO_KEY = "F4FC5B6AC58696023B9DBFB197BDB7906441EDF5";
    private static final String DNF5_KEY = "1C27D6B1FB0839580FB272EC01F76D0A2ECFAFB4";

    @Test
    void concatenatedBinaryKeysAreAllRead() throws IOException {
        byte[] both = concat(bytes("apt/apt-upstream-tests/joesixpack.pub"), bytes("apt/apt-upstream-tests/marvinparanoid.pub"));

        assertThat(Keyring.parse(both, "two.gpg").fingerprints()).containsExactly(
                "34A8E9D18DB320F367E8EAA05A90D141DBAC8DAE", "DE66AECA9151AFA1877EC31DE8525D47528144E2");
    }

    @Test
    void severalArmoredBlocksInOneFileWithTextAroundThemAreAllRead() throws IOException {
        byte[] both = concat(concat("# repository keys\n".getBytes(StandardCharsets.US_ASCII), bytes(LIBREPO_ARMORED)),
                bytes(DNF5_ARMORED));

        assertThat(Keyring.parse(both, "keys.asc").fingerprints()).containsExactly(LIBREPO_KEY, DNF5_KEY);
    }

    @Test
    void debianArchiveKeyringHoldsTheBookwormKey() {
        Path keyring = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
        assertThat(keyring).withFailMessage("%s is missing: apt-get install debian-archive-keyring", keyring)
                .isRegularFile();

        assertThat(Keyring.load(List.of(keyring)).fingerprints()).contains("B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8");
    }

    @Test
    void inlineSignedByBlockInDeb822FoldedFormIsRead() throws IOException {
        // sources.list(5): "Signed-By:" followed by the armored key, every line indented, empty lines as " .".
        String folded = new String(bytes(DNF5_ARMORED), StandardCharsets.US_ASCII).lines()
                .map(l -> l.isEmpty() ? " ." : " " + l).collect(Collectors.joining("\n"));

        assertThat(Keyring.parse(folded.getBytes(StandardCharsets.US_ASCII), "debian.sources").fingerprints())
                .containsExactly(DNF5_KEY);
    }

    @Test
    void emptyKeyringTrustsNothing() {
        assertThat(Keyring.parse(new byte[0], "empty.gpg").isEmpty()).isTrue();
        assertThat(Keyring.empty().fingerprints()).isEmpty();
    }

    @Test
    void unreadableKeyDataNamesTheFile() {
        assertThatThrownBy(() -> Keyring.parse("not a key\n".getBytes(StandardCharsets.US_ASCII), "/etc/keys/x.asc"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("/etc/keys/x.asc")
                .hasMessageContaining("no '-----BEGIN PGP PUBLIC KEY BLOCK-----' block");
        assertThatThrownBy(() -> Keyring.parse(new byte[] {(byte) 0x99, 0x01, 0x0d, 4, 0}, "/etc/keys/broken.gpg"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("/etc/keys/broken.gpg");
    }

    @Test
    void secretKeysAreRefused() throws IOException {
        assertThatThrownBy(() -> Keyring.parse(bytes("apt/apt-upstream-tests/joesixpack.sec"), "joe.sec"))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("joe.sec")
                .hasMessageContaining("secret key");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("repo.gpg");

        assertThatThrownBy(() -> Keyring.load(List.of(Corpus.path(DNF5_ARMORED), missing)))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining(missing.toString());
    }
}
