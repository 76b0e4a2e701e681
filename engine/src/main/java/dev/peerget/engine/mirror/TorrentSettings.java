package dev.peerget.engine.mirror;

import dev.peerget.fetch.torrent.MetainfoFormat;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentCreator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every torrent of one publishing run shares: its name, BEP 19 web seeds ({@code url-list}), trackers and
 * format.
 */
record TorrentSettings(String name, List<String> urlList, List<String> trackers, TorrentFormat format) {
    TorrentSettings {
        urlList = List.copyOf(urlList);
        trackers = List.copyOf(trackers);
        Objects.requireNonNull(format, "format");
    }

    /** The torrent of {@code packages}, files relative to {@code root}. */
    RepositoryTorrent create(Path root, IndexedPackages packages) {
        MetainfoFormat metainfo = format == TorrentFormat.HYBRID ? MetainfoFormat.HYBRID : MetainfoFormat.V1;
        return new TorrentCreator().create(new TorrentCreator.Request(root, new ArrayList<>(packages.sizes().keySet()),
                name, urlList, trackers, 0, metainfo));
    }
}
