package dev.peerget.fetch.swarm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a fetch did.
 *
 * @param fetched every file that is now verified in the cache, with where it came from
 * @param failed files that could not be fetched, each with why
 * @param totals the final totals
 * @param maxPeers the most peers connected at once
 * @param elapsed wall time of the fetch
 * @param seedable per torrent, the files now present in its save directory (for the seeding daemon)
 */
public record FetchReport(List<Fetched> fetched, List<Failed> failed, FetchTotals totals, int maxPeers,
        Duration elapsed, List<Seedable> seedable) {
    public FetchReport {
        fetched = List.copyOf(fetched);
        failed = List.copyOf(failed);
        seedable = List.copyOf(seedable);
    }

    public boolean ok() {
        return failed.isEmpty();
    }

    /** A verified file in the cache. */
    public record Fetched(FetchItem item, FetchSource source, Path file) { }

    /**
     * A file that could not be fetched; {@code rejected} when what arrived did not match the signed index (rather
     * than nothing arriving).
     */
    public record Failed(FetchItem item, String reason, boolean rejected) { }

    /**
     * A torrent's files this machine now holds, verified, in the package cache: what a seeder can serve.
     *
     * @param torrentFile the .torrent
     * @param infoHash its info hash
     * @param files torrent file index → the verified file in the package cache
     */
    public record Seedable(Path torrentFile, String infoHash, java.util.Map<Integer, Path> files) {
        public Seedable {
            files = java.util.Map.copyOf(files);
        }
    }
}
