package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepomdParserTest {

    private static Repomd parse(String xml) {
        return RepomdParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test-repomd.xml");
    }

    @Test
    void centosStreamAppStreamEntries() throws IOException {
        Repomd md = RepoData.repomd("yum/osbuild-cs9/appstream-and-custom/appstream");
        assertThat(md.revision()).isEqualTo("9-stream");
        assertThat(md.data()).extracting(RepomdData::type).containsExactly(
                "primary", "filelists", "other", "primary_db", "filelists_db", "other_db", "group", "group_xz", "modules");
        RepomdData primary = md.data("primary").orElseThrow();
        assertThat(primary.location()).isEqualTo(
                "repodata/c03bb2ebc33bbee3046da091b45d90717273a43d3641a9d84e6eede05637bc8a-primary.xml.gz");
        assertThat(primary.checksum()).isEqualTo(new Checksum(HashAlgorithm.SHA256,
                "c03bb2ebc33bbee3046da091b45d90717273a43d3641a9d84e6eede05637bc8a"));
        assertThat(primary.openChecksum().hex()).isEqualTo("a1df0d610cd466c0ff1638782c5a1427b19a01bcde147105e9a07f87669f038a");
        assertThat(primary.size()).isEqualTo(3_597_627);
        assertThat(primary.openSize()).isEqualTo(51_840_420);
        assertThat(primary.timestamp()).isEqualTo(1_736_761_560L);
        RepomdData group = md.data("group").orElseThrow();
        assertThat(group.openChecksum()).isNull();
        assertThat(group.openSize()).isEqualTo(-1);
        assertThat(md.data("updateinfo")).isEmpty();
    }

    /** The checksum and size the parser reports must be those of the stored (compressed) file. */
    @ParameterizedTest
    @ValueSource(strings = {"yum/osbuild-cs9/baseos", "yum/azurelinux-repo", "yum/tizen-serranove",
        "yum/osbuild-cs9/appstream-and-custom/custom"})
    void primaryAndFilelistsChecksumsMatchTheFiles(String repo) throws IOException {
        Repomd md = RepoData.repomd(repo);
        for (String type : new String[] {"primary", "filelists"}) {
            RepomdData d = md.data(type).orElseThrow();
            Path file = Corpus.path(repo).resolve(d.location());
            assertThat(d.checksum().algorithm()).isEqualTo(HashAlgorithm.SHA256);
            assertThat(RepoData.sha256(file)).as("%s %s", repo, type).isEqualTo(d.checksum().hex());
            assertThat(Files.size(file)).isEqualTo(d.size());
        }
    }

    @Test
    void openChecksumMatchesDecompressedPrimary() throws IOException {
        RepomdData d = RepoData.repomd("yum/azurelinux-repo").data("primary").orElseThrow();
        Path tmp = Files.createTempFile("primary", ".xml");
        try (InputStream in = RepoData.open(Corpus.path("yum/azurelinux-repo").resolve(d.location()))) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(RepoData.sha256(tmp)).isEqualTo(d.openChecksum().hex());
            assertThat(Files.size(tmp)).isEqualTo(d.openSize());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Test
    void unknownTypesAndElementsAreKept() {
        String sha = "a".repeat(64);
        Repomd md = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <repomd xmlns="http://linux.duke.edu/metadata/repo">
                  <revision>42</revision>
                  <tags><content>binary-x86_64</content></tags>
                  <data type="torrent">
                    <checksum type="sha256">%s</checksum>
                    <header-checksum type="sha256">%s</header-checksum>
                    <location href="repodata/x.torrent"/>
                    <future-element>ignored</future-element>
                  </data>
                  <data type="primary_zck">
                    <checksum type="sha">%s</checksum>
                    <location href="repodata/p.xml.zck"/>
                    <timestamp>1334667230.25</timestamp>
                  </data>
                </repomd>""".formatted(sha, sha, "b".repeat(40)));
        assertThat(md.revision()).isEqualTo("42");
        RepomdData torrent = md.data("torrent").orElseThrow();
        assertThat(torrent.location()).isEqualTo("repodata/x.torrent");
        assertThat(torrent.size()).isEqualTo(-1);
        RepomdData zck = md.data("primary_zck").orElseThrow();
        assertThat(zck.checksum().algorithm()).isEqualTo(HashAlgorithm.SHA1);
        assertThat(zck.timestamp()).isEqualTo(1_334_667_230L);
    }

    @Test
    void dataWithoutTypeIsAnErrorNamingTheLine() {
        Path file = Corpus.path("yum/createrepo_c/tests/testdata/modified_repo_files/missing_type-repomd.xml");
        assertThatThrownBy(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                RepomdParser.parse(in, "missing_type-repomd.xml");
            }
        }).isInstanceOf(MetadataException.class).hasMessage("missing_type-repomd.xml:12: <data> without a type attribute");
    }

    @Test
    void brokenRepomdsAreRejected() {
        assertThatThrownBy(() -> parse("<repomd><data type=\"primary\"><location href=\"p\"/></data></repomd>"))
                .hasMessage("test-repomd.xml:1: <data type=\"primary\"> has no checksum");
        assertThatThrownBy(() -> parse("<repomd><data type=\"primary\"><checksum type=\"crc32\">00</checksum></data></repomd>"))
                .hasMessageContaining("unknown checksum type 'crc32'");
        assertThatThrownBy(() -> parse("<metadata/>")).hasMessageContaining("expected <repomd>");
        assertThatThrownBy(() -> parse("<repomd><revision>1</revision>"))
                .isInstanceOf(MetadataException.class).hasMessageStartingWith("test-repomd.xml:1:");
    }

    @Test
    void externalEntitiesAreNotResolved() throws IOException {
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, "TOP-SECRET");
        try {
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<repomd><revision>&x;</revision></repomd>";
            assertThatThrownBy(() -> parse(xml)).isInstanceOf(MetadataException.class)
                    .hasMessageNotContaining("TOP-SECRET");
        } finally {
            Files.delete(secret);
        }
    }
}
