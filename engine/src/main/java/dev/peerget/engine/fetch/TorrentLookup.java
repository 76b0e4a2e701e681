package dev.peerget.engine.fetch;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.update.PublishedTorrent;
import dev.peerget.engine.update.RepositoryTorrents;
import dev.peerget.fetch.swarm.TorrentSlot;
import java.util.Optional;

/**
 * Finds where a repository's package file is in the torrent the repository publishes in its signed index (as
 * recorded by {@code update}). Empty when the repository has no torrent, or the package is newer than it.
 */
final class TorrentLookup {
    private final RepositoryTorrents torrents;

    TorrentLookup(MetadataStore store) {
        this.torrents = new RepositoryTorrents(store);
    }

    Optional<TorrentSlot> slot(StoredRepository repository, String location) {
        Optional<PublishedTorrent> published = torrents.forRepository(repository);
        if (published.isEmpty()) {
            return Optional.empty();
        }
        PublishedTorrent t = published.get();
        return t.file(location).map(f -> new TorrentSlot(t.torrentFile(), t.infoHash(), t.name(), f.index(),
                f.path()));
    }
}
