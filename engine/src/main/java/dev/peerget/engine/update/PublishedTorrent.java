package dev.peerget.engine.update;

import dev.peerget.cache.TorrentRef;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository's torrent as the last update verified and stored it, ready to fetch packages from: the
 * {@code .torrent} file to hand to the engine and the map from a package's location to its file in the torrent.
 *
 * <p>Package locations ({@link dev.peerget.model.PackageRecord#location()}: apt's {@code Filename}, yum's
 * {@code location href}) are relative to the repository base, and so are the torrent's paths: the mirror built
 * the torrent from those very fields ({@code peerget mirror torrent}). A file is saved at
 * {@code saveDir/NAME/LOCATION} ({@link #savedAt}). Immutable and thread-safe.
 */
public final class PublishedTorrent {
    private final String repositoryKey;
    private final TorrentRef ref;
    private final RepositoryTorrent torrent;
    private final Map<String, TorrentFile> byPath = new HashMap<>();

    PublishedTorrent(String repositoryKey, TorrentRef ref, RepositoryTorrent torrent) {
        this.repositoryKey = Objects.requireNonNull(repositoryKey, "repositoryKey");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.torrent = Objects.requireNonNull(torrent, "torrent");
        for (TorrentFile f : torrent.files()) {
            byPath.put(f.path(), f);
        }
    }

    /** The repository's key in the metadata store. */
    public String repositoryKey() {
        return repositoryKey;
    }

    /** The stored {@code .torrent} file, for {@code EngineProcess.add}. */
    public Path torrentFile() {
        return ref.file();
    }

    public String infoHash() {
        return ref.infoHash();
    }

    /** The torrent's name: the directory under the save directory that holds its files. */
    public String name() {
        return ref.name();
    }

    /** The parsed torrent. */
    public RepositoryTorrent torrent() {
        return torrent;
    }

    /**
     * The torrent file holding the package at {@code location} (relative to the repository base, a leading
     * {@code ./} ignored); empty when the torrent does not have it (a package added to the repository after the
     * torrent was made: fetch it over HTTP). {@link TorrentFile#index()} is what {@code EngineProcess.add} selects.
     */
    public Optional<TorrentFile> file(String location) {
        String path = location;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return Optional.ofNullable(byPath.get(path));
    }

    /** Where the engine writes {@code file} when the torrent is added with {@code saveDir}. */
    public Path savedAt(Path saveDir, TorrentFile file) {
        return saveDir.resolve(ref.name()).resolve(file.path());
    }

    @Override
    public String toString() {
        return "PublishedTorrent[" + repositoryKey + ", " + ref.infoHash() + ", " + torrent.files().size() + " files]";
    }
}
