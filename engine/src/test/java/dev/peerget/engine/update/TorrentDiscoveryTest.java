package dev.peerget.engine.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.StoredRepository;
import dev.peerget.cache.TorrentRef;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestGpg;
import dev.peerget.engine.TestSystem;
import dev.peerget.engine.ToolLocator;
import dev.peerget.engine.mirror.PublishRequest;
import dev.peerget.engine.mirror.TorrentFormat;
import dev.peerget.engine.mirror.TorrentPublisher;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentFile;
import dev.peerget.repo.TorrentIndex;
import dev.peerget.repo.VerificationException;
import dev.peerget.repo.rpm.RepomdEditor;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * update discovers the torrent a mirror publishes in its signed index ({@code peerget mirror torrent} on copies
 * of the fixture repositories, signed with the fixture key), verifies it like any index and records it.
 */
class TorrentDiscoveryTest {
    private static final String APT_KEY = "deb-key";
    private static final String HELLO_DEB = "pool/main/p/pg-hello/pg-hello_1.0-1_amd64.deb";

    @TempDir
    Path root;
    @TempDir
    Path mirror;
    @TempDir
    Path gpgDir;
    private FixtureRepos fixtures;
    private TestGpg gpg;
    private StaticHttpServer server;
    private TestSystem system;
    private final TorrentPublisher publisher = new TorrentPublisher(ToolLocator.fromPath(System.getenv("PATH")),
            Clock.systemUTC());

    @BeforeEach
    void setUp() throws Exception {
        fixtures = FixtureRepos.get().copyTo(mirror);
        gpg = TestGpg.withFixtureKey(fixtures, gpgDir);
        publish(fixtures.aptRoot(), List.of());
        publish(fixtures.yumRoot(), List.of());
        server = StaticHttpServer.serve(fixtures.root());
        system = new TestSystem(root).fixtures(fixtures, server.baseUri());
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        gpg.close();
    }

    private void publish(Path repo, List<String> trackers) {
        publisher.publish(new PublishRequest(repo, null, List.of(), trackers, TorrentFormat.V1, gpg.fingerprint(),
                gpg.home()));
    }

    private UpdateReport update(RecordingListener listener) {
        try (Peerget engine = system.engine()) {
            return engine.update(listener);
        }
    }

    private Map<String, StoredRepository> stored() {
        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            return store.repositories().stream().collect(Collectors.toMap(
                    r -> r.info().format().id() + "-key", Function.identity()));
        }
    }

    @Test
    void updateRecordsBothTorrentsAndEveryPackageMapsToATorrentFile() throws Exception {
        RecordingListener listener = new RecordingListener();
        UpdateReport report = update(listener);

        assertThat(report.anyFailed()).as(listener.lines.toString()).isFalse();
        assertThat(listener.lines).contains("Get stable peerget.torrent", "Get fixture torrent");
        Path debTorrent = fixtures.aptRoot().resolve("dists/stable/peerget.torrent");
        TorrentRef deb = stored().get(APT_KEY).info().torrent().orElseThrow();
        TorrentRef rpm = stored().get("rpm-key").info().torrent().orElseThrow();
        assertThat(deb.file()).startsWith(system.layout().torrentsDir()).hasSameBinaryContentAs(
                debTorrent);
        assertThat(deb.infoHash()).isEqualTo(RepositoryTorrent.read(debTorrent).infoHash());
        assertThat(deb.name()).isEqualTo("apt");
        assertThat(rpm.name()).isEqualTo("yum");
        assertThat(rpm.file()).exists();

        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            RepositoryTorrents torrents = new RepositoryTorrents(store);
            Map<Long, StoredRepository> byId = store.repositories().stream()
                    .collect(Collectors.toMap(StoredRepository::id, Function.identity()));
            List<String> checked = new ArrayList<>();
            store.forEachPackage(false, p -> {
                PublishedTorrent torrent = torrents.forRepository(byId.get(p.repositoryId())).orElseThrow();
                TorrentFile file = torrent.file(p.record().location()).orElseThrow(
                        () -> new AssertionError("no torrent file for " + p.record().location()));
                assertThat(file.size()).as(p.record().location()).isEqualTo(p.record().size());
                checked.add(p.record().location());
            });
            assertThat(checked).hasSize(15 + 16);
            PublishedTorrent apt = torrents.forKey(byId.values().stream().filter(r -> r.info().suite()
                    .equals("stable")).findFirst().orElseThrow().info().key()).orElseThrow();
            TorrentFile hello = apt.file(HELLO_DEB).orElseThrow();
            assertThat(apt.file("./" + HELLO_DEB)).contains(hello);
            assertThat(apt.savedAt(Path.of("/save"), hello)).isEqualTo(Path.of("/save/apt/" + HELLO_DEB));
            assertThat(apt.torrentFile()).isEqualTo(deb.file());
            assertThat(apt.file("pool/main/n/no-such/no-such_1_all.deb")).isEmpty();
        }

        RecordingListener second = new RecordingListener();
        UpdateReport again = update(second);
        assertThat(again.outcomes()).extracting(RepositoryOutcome::status)
                .containsOnly(RepositoryOutcome.Status.UNCHANGED);
        assertThat(stored().get(APT_KEY).info().torrent()).contains(deb);
        assertThat(stored().get("rpm-key").info().torrent()).contains(rpm);
        assertThat(deb.file()).exists();
    }

    @Test
    void aTamperedTorrentFailsItsRepositoryWhichKeepsItsPreviousMetadata() throws Exception {
        update(new RecordingListener());
        TorrentRef before = stored().get(APT_KEY).info().torrent().orElseThrow();
        publish(fixtures.aptRoot(), List.of("http://tracker.example/announce"));
        server.inject("apt/dists/stable/" + TorrentIndex.APT_PATH, new StaticHttpServer.Fault.Corrupt());

        UpdateReport report = update(new RecordingListener());

        RepositoryOutcome apt = report.outcomes().get(0);
        assertThat(apt.status()).isEqualTo(RepositoryOutcome.Status.FAILED);
        assertThat(apt.error()).isInstanceOf(VerificationException.class)
                .hasMessageContaining("Hash Sum mismatch for stable peerget.torrent")
                .hasMessageContaining(server.baseUri() + "apt/dists/stable/peerget.torrent");
        assertThat(apt.packageCount()).isEqualTo(15);
        assertThat(report.outcomes().get(1).status()).isEqualTo(RepositoryOutcome.Status.UNCHANGED);
        assertThat(stored().get(APT_KEY).info().torrent()).contains(before);
        assertThat(before.file()).exists();
        try (var files = Files.list(before.file().getParent())) {
            assertThat(files).hasSize(2);
        }

        server.clearFaults();
        assertThat(update(new RecordingListener()).outcomes().get(0).status())
                .isEqualTo(RepositoryOutcome.Status.UPDATED);
        TorrentRef after = stored().get(APT_KEY).info().torrent().orElseThrow();
        // A tracker is outside the info dictionary: same info hash, another file.
        assertThat(after.infoHash()).isEqualTo(before.infoHash());
        assertThat(after.file()).isNotEqualTo(before.file());
        assertThat(Files.readString(after.file(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("http://tracker.example/announce");
        assertThat(before.file()).as("the replaced torrent is deleted").doesNotExist();
    }

    @Test
    void aRepositoryThatStopsPublishingATorrentLosesIt() throws Exception {
        update(new RecordingListener());
        TorrentRef before = stored().get("rpm-key").info().torrent().orElseThrow();
        Path repomd = fixtures.yumRoot().resolve("repodata/repomd.xml");
        Files.writeString(repomd, RepomdEditor.withoutData(Files.readString(repomd), "torrent", "repomd.xml"));
        gpg.run("gpg", "--homedir", gpg.home().toString(), "--batch", "--yes", "--local-user", gpg.fingerprint(),
                "--armor", "--detach-sign", "--output", repomd + ".asc", repomd.toString());

        UpdateReport report = update(new RecordingListener());

        assertThat(report.outcomes().get(1).status()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        assertThat(stored().get("rpm-key").info().torrent()).isEmpty();
        assertThat(before.file()).doesNotExist();
        assertThat(stored().get(APT_KEY).info().torrent()).isPresent();
    }

    @Test
    void aStoredTorrentChangedBehindPeergetsBackIsRefused() throws Exception {
        update(new RecordingListener());
        StoredRepository apt = stored().get(APT_KEY);
        TorrentRef ref = apt.info().torrent().orElseThrow();
        Files.copy(stored().get("rpm-key").info().torrent().orElseThrow().file(), ref.file(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            assertThatThrownBy(() -> new RepositoryTorrents(store).forKey(apt.info().key()))
                    .isInstanceOf(VerificationException.class)
                    .hasMessageContaining("changed since update verified it")
                    .hasMessageContaining(ref.file().toString());
            Files.delete(ref.file());
            assertThatThrownBy(() -> new RepositoryTorrents(store).forKey(apt.info().key()))
                    .hasMessageContaining("is missing").hasMessageContaining(ref.file().toString());
            assertThat(new RepositoryTorrents(store).forKey("no such repository")).isEmpty();
        }
    }
}
