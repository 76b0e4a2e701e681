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

    @Override
    public Optional<Path> cached(FetchItem item) {
        return cache.find(item.checksum(), item.size());
    }

    @Override
    public Path admit(FetchItem item, Path candidate, boolean keepSource) throws IOException {
        try {
            return cache.admit(candidate, item.checksum(), item.size(), keepSource);
        } catch (PackageCache.Mismatch e) {
            throw new PackageCache.Mismatch(item.label() + ": " + e.getMessage());
        }
    }

    @Override
    public Path partialDir() throws IOException {
        return cache.partialDir();
    }
}
