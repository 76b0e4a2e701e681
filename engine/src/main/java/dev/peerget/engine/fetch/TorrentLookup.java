package dev.peerget.engine.fetch;

import dev.peerget.cache.StoredRepository;
import dev.peerget.fetch.swarm.TorrentSlot;
import dev.peerget.model.Layout;
import java.util.Optional;

/** Finds where a repository's package file is in the repository's published torrent. */
final class TorrentLookup {
    private final Layout layout;

    TorrentLookup(Layout layout) {
        this.layout = layout;
    }

    Optional<TorrentSlot> slot(StoredRepository repository, String location) {
        // Filled in when update records the torrents repositories publish (issue #4, mirror side).
        return Optional.empty();
    }
}
