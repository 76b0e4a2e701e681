package dev.peerget.engine.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.engine.Peerget;
import dev.peerget.engine.RepositoryView;
import dev.peerget.engine.mirror.TorrentFormat;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link FetchWorkflowTest} against mirrors that publish hybrid (v1 + v2) torrents: clients read the v1 half,
 * record it under its v1 info hash, and fetch from peers and the mirror as with a v1 torrent.
 */
class HybridFetchWorkflowTest extends FetchWorkflowTest {
    @Override
    TorrentFormat format() {
        return TorrentFormat.HYBRID;
    }

    @Test
    void updateRecordsTheHybridUnderItsV1InfoHash() throws Exception {
        Path published = fixtures.aptRoot().resolve("dists/stable/peerget.torrent");
        assertThat(new String(Files.readAllBytes(published), StandardCharsets.ISO_8859_1))
                .contains("12:meta versioni2e");
        String infoHash = RepositoryTorrent.read(published).infoHash();
        try (Peerget engine = system.engine()) {
            assertThat(engine.repositories()).extracting(RepositoryView::torrentInfoHash).contains(infoHash);
        }
    }
}
