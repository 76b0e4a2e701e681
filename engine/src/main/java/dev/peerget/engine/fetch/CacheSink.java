package dev.peerget.engine.fetch;

import dev.peerget.cache.PackageCache;
import dev.peerget.fetch.swarm.FetchItem;
import dev.peerget.fetch.swarm.FetchSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The package cache as the fetcher's destination: nothing enters it unverified. */
final class CacheSink implements FetchSink {
    private final PackageCache cache;

    CacheSink(PackageCache cache) {
        this.cache = cache;
    }

    /** A cache hit is hashed again: cheap next to installing it, and a changed file is fetched anew. */
    @Override
    public Optional<Path> cached(FetchItem item) {
        Optional<Path> hit = cache.find(item.checksum(), item.size());
        if (hit.isPresent()) {
            try {
                PackageCache.verify(hit.get(), item.checksum(), item.size());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return hit;
    }

    @Override
    public Path admit(FetchItem item, Path candidate, boolean keepSource) throws IOException {
        try {
            return cache.admit(candidate, item.checksum(), item.size(), keepSource);
        } catch (PackageCache.Mismatch e) {
            throw new Rejected(item.label() + ": " + e.getMessage());
        }
    }

    @Override
    public Path admitHashed(FetchItem item, Path candidate, String digestHex) throws IOException {
        try {
            return cache.admitHashed(candidate, item.checksum(), item.size(), digestHex);
        } catch (PackageCache.Mismatch e) {
            throw new Rejected(item.label() + ": " + e.getMessage());
        }
    }

    @Override
    public Path partialDir() throws IOException {
        return cache.partialDir();
    }
}
