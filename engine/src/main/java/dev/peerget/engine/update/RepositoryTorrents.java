package dev.peerget.engine.update;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.StoredRepository;
import dev.peerget.cache.TorrentRef;
import dev.peerget.engine.EngineException;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.repo.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the torrents repositories publish, as {@code update} stored them: what the fetch workflow asks before
 * downloading a package over BitTorrent. A repository without a torrent gives empty, and its packages are fetched
 * over HTTP as before.
 *
 * <p>Each torrent is read from disk once per instance and checked against the info hash the update recorded, so a
 * file changed behind peerget's back is refused rather than used. Not thread-safe.
 */
public final class RepositoryTorrents {
    private final MetadataStore store;
    private final Map<String, Optional<PublishedTorrent>> loaded = new HashMap<>();

    public RepositoryTorrents(MetadataStore store) {
        this.store = store;
    }

    /** The torrent of the repository stored under {@code key}; empty when it has none or is not stored. */
    public Optional<PublishedTorrent> forKey(String key) {
        Optional<PublishedTorrent> known = loaded.get(key);
        if (known != null) {
            return known;
        }
        return store.repository(key).map(this::forRepository).orElse(Optional.empty());
    }

    /** The torrent of {@code repository}; empty when it publishes none. */
    public Optional<PublishedTorrent> forRepository(StoredRepository repository) {
        String key = repository.info().key();
        Optional<PublishedTorrent> known = loaded.get(key);
        if (known == null) {
            known = repository.info().torrent().map(ref -> load(key, ref));
            loaded.put(key, known);
        }
        return known;
    }

    private static PublishedTorrent load(String key, TorrentRef ref) {
        if (!Files.isRegularFile(ref.file())) {
            throw new EngineException("the torrent of " + key + " is missing: " + ref.file(),
                    "run 'peerget update' to fetch it again");
        }
        RepositoryTorrent torrent;
        try {
            torrent = RepositoryTorrent.parse(Files.readAllBytes(ref.file()));
        } catch (IOException e) {
            throw new EngineException("cannot read the torrent of " + key + " (" + ref.file() + "): "
                    + e.getMessage(), "run 'peerget update' to fetch it again", e);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | ArithmeticException e) {
            throw changed(key, ref, "it is no longer a torrent: " + e.getMessage());
        }
        if (!torrent.infoHash().equals(ref.infoHash())) {
            throw changed(key, ref, "info hash " + torrent.infoHash() + " instead of " + ref.infoHash());
        }
        return new PublishedTorrent(key, ref, torrent);
    }

    private static VerificationException changed(String key, TorrentRef ref, String what) {
        return new VerificationException("the stored torrent of " + key + " (" + ref.file()
                + ") changed since update verified it: " + what, "run 'peerget update' to fetch it again");
    }
}
