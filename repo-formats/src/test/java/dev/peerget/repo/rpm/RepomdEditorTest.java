package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixtureRepos;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepomdEditorTest {
    /** modifyrepo_c --mdtype=torrent --no-compress is the oracle: same document, byte for byte. */
    @Test
    void addsTheEntryExactlyAsModifyrepoDoesAndModifyrepoRemovesIt(@TempDir Path dir) throws Exception {
        Corpus.requireCommand("modifyrepo_c");
        Path repodata = Files.createDirectories(dir.resolve("repodata"));
        try (var files = Files.list(FixtureRepos.get().yumRoot().resolve("repodata"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, repodata.resolve(f.getFileName()));
            }
        }
        String original = Files.readString(repodata.resolve("repomd.xml"));
        Path torrent = Files.writeString(dir.resolve("peerget.torrent"), "placeholder for a torrent\n");
        // (modifyrepo_c guesses compression with libmagic, which rejects short binary data: text will do.)
        run("modifyrepo_c", "--mdtype=torrent", "--no-compress", torrent.toString(), repodata.toString());
        String oracle = Files.readString(repodata.resolve("repomd.xml"));
        RepomdData entry = parse(oracle).data("torrent").orElseThrow();
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(torrent)));
        assertThat(entry.location()).isEqualTo("repodata/" + hex + "-peerget.torrent");

        String ours = RepomdEditor.withData(original, "torrent", entry.location(),
                new Checksum(HashAlgorithm.SHA256, hex), Files.size(torrent), entry.timestamp(), "repomd.xml");

        assertThat(ours).isEqualTo(oracle);
        Files.writeString(repodata.resolve("repomd.xml"), RepomdEditor.withData(ours, "torrent", entry.location(),
                entry.checksum(), entry.size(), entry.timestamp() + 1, "repomd.xml"));
        run("modifyrepo_c", "--remove", "torrent", repodata.toString());
        assertThat(Files.readString(repodata.resolve("repomd.xml"))).isEqualTo(original);
        assertThat(RepomdEditor.withoutData(ours, "torrent", "repomd.xml")).isEqualTo(original);
    }

    @Test
    void replacingKeepsOneEntry() throws Exception {
        String original = Files.readString(FixtureRepos.get().yumRoot().resolve("repodata/repomd.xml"));
        Checksum a = new Checksum(HashAlgorithm.SHA256, "a".repeat(64));
        Checksum b = new Checksum(HashAlgorithm.SHA256, "b".repeat(64));
        String once = RepomdEditor.withData(original, "torrent", "repodata/a-peerget.torrent", a, 10, 1, "r");
        String twice = RepomdEditor.withData(once, "torrent", "repodata/b-peerget.torrent", b, 20, 2, "r");

        Repomd md = parse(twice);
        assertThat(md.data()).filteredOn(d -> d.type().equals("torrent")).singleElement()
                .satisfies(d -> assertThat(d.checksum()).isEqualTo(b));
        assertThat(md.data()).extracting(RepomdData::type).containsExactly("primary", "filelists", "other",
                "primary_db", "filelists_db", "other_db", "torrent");
        assertThat(md.revision()).isEqualTo(parse(original).revision());
    }

    @Test
    void documentWithoutEndTagIsRefused() {
        assertThatThrownBy(() -> RepomdEditor.withData("<repomd xmlns=\"http://linux.duke.edu/metadata/repo\">",
                "torrent", "repodata/x", new Checksum(HashAlgorithm.SHA256, "c".repeat(64)), 1, 1, "broken.xml"))
                .isInstanceOf(MetadataException.class).hasMessageContaining("broken.xml");
    }

    private static Repomd parse(String xml) {
        return RepomdParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "repomd.xml");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
