package dev.peerget.engine.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.query.SearchHit;
import dev.peerget.repo.VerificationException;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.StaticHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** update against real-world repositories from the shared corpus, served on a loopback mirror. */
class CorpusUpdateTest {
    private static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    /** A moment inside the bookworm index's validity (its Date is 2026-07-11). */
    private static final Instant BOOKWORM_NOW = Instant.parse("2026-07-12T00:00:00Z");

    @TempDir
    Path root;
    @TempDir
    Path mirror;

    /** A mirror tree with the corpus's bookworm suite at dists/bookworm (links, not copies). */
    private Path bookwormMirror() throws IOException {
        Path dist = mirror.resolve("debian/dists");
        Files.createDirectories(dist);
        Files.createSymbolicLink(dist.resolve("bookworm"), Corpus.path("apt/debian-bookworm-fetched"));
        return mirror;
    }

    @Test
    void fullBookwormIndexVerifiesAndStoresEveryPackage() throws Exception {
        Corpus.requireCommand("gpgv");
        assertThat(DEBIAN_KEYRING).as("debian-archive-keyring is installed by scripts/install-test-deps.sh").exists();
        try (StaticHttpServer server = StaticHttpServer.serve(bookwormMirror())) {
            TestSystem system = new TestSystem(root).at(BOOKWORM_NOW);
            Files.createDirectories(root.resolve("usr/share/keyrings"));
            Files.copy(DEBIAN_KEYRING, root.resolve("usr/share/keyrings/debian-archive-keyring.gpg"));
            system.write("etc/apt/sources.list", "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
                    + server.baseUri().resolve("debian/") + " bookworm main\n");
            RecordingListener listener = new RecordingListener();
            try (Peerget engine = system.engine()) {
                UpdateReport report = engine.update(listener);
                assertThat(report.anyFailed()).as(listener.lines.toString()).isFalse();
                assertThat(report.outcomes().get(0).packageCount()).isEqualTo(63_440);
                List<SearchHit> hits = engine.queries().search(List.of("hello"), true);
                assertThat(hits).extracting(h -> h.candidate().record().name()).contains("hello", "hello-traditional");
                assertThat(engine.queries().show("hello").get(0).record().version()).isEqualTo("2.10-3");
            }
            try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
                assertThat(store.repositories().get(0).info().signer()).isNotEmpty();
                assertThat(store.repositories().get(0).info().codename()).isEqualTo("bookworm");
            }
        }
    }

    @Test
    void bookwormSignedByTheWrongKeyringStoresNothing() throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(bookwormMirror())) {
            TestSystem system = new TestSystem(root).at(BOOKWORM_NOW);
            Files.createDirectories(root.resolve("etc/apt/trusted.gpg.d"));
            system.write("etc/apt/sources.list", "deb " + server.baseUri().resolve("debian/") + " bookworm main\n");
            try (Peerget engine = system.engine()) {
                UpdateReport report = engine.update(new RecordingListener());
                assertThat(report.outcomes().get(0).error()).isInstanceOf(VerificationException.class)
                        .hasMessageContaining("NO_PUBKEY");
                assertThat(report.outcomes().get(0).packageCount()).isZero();
            }
            try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
                assertThat(store.packageCount()).isZero();
            }
        }
    }

    private UpdateReport updateYum(String corpusRepo) throws Exception {
        try (StaticHttpServer server = StaticHttpServer.serve(Corpus.path(corpusRepo))) {
            TestSystem system = new TestSystem(root);
            system.write("etc/yum.repos.d/corpus.repo", "[corpus]\nname=corpus\nbaseurl=" + server.baseUri() + "\n");
            try (Peerget engine = system.engine()) {
                return engine.update(new RecordingListener());
            }
        }
    }

    @Test
    void centosStream9BaseOsWithFilelists() throws Exception {
        UpdateReport report = updateYum("yum/osbuild-cs9/baseos");
        assertThat(report.outcomes().get(0).status()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        assertThat(report.outcomes().get(0).packageCount()).isEqualTo(1_125);
        try (MetadataStore store = MetadataStore.open(new TestSystem(root).layout().metadataDatabase())) {
            assertThat(store.providers("/usr/bin/bash", false)).extracting(p -> p.record().name()).contains("bash");
        }
    }

    @Test
    void zstdCompressedAzureLinuxRepository() throws Exception {
        UpdateReport report = updateYum("yum/azurelinux-repo");
        assertThat(report.outcomes().get(0).status()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        assertThat(report.outcomes().get(0).packageCount()).isEqualTo(113);
    }

    @Test
    void primaryWithARealChecksumMismatchIsRefused() throws Exception {
        UpdateReport report = updateYum("yum/createrepo_c/tests/testdata/repo_01");
        assertThat(report.outcomes().get(0).status()).isEqualTo(RepositoryOutcome.Status.FAILED);
        assertThat(report.outcomes().get(0).error()).isInstanceOf(VerificationException.class)
                .hasMessageContaining("primary");
    }
}
