package dev.peerget.engine.mirror;

import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentCreator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every torrent of one publishing run shares: its name, BEP 19 web seeds ({@code url-list}) and trackers.
 */
record TorrentSettings(String name, List<String> urlList, List<String> trackers) {
    TorrentSettings {
        urlList = List.copyOf(urlList);
        trackers = List.copyOf(trackers);
    }

    /** The torrent of {@code packages}, files relative to {@code root}. */
    RepositoryTorrent create(Path root, IndexedPackages packages) {
        return new TorrentCreator().create(new TorrentCreator.Request(root, new ArrayList<>(packages.sizes().keySet()),
                name, urlList, trackers, 0));
    }
}
