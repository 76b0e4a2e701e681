package dev.peerget.fetch.swarm;

/**
 * Totals of a fetch at one moment.
 *
 * @param files files to fetch, cached ones included
 * @param filesDone files verified and in the cache
 * @param bytes bytes of all files, cached ones included
 * @param bytesDone bytes of the files done
 * @param peerBytes payload received from BitTorrent peers (pad and rejected pieces included)
 * @param webSeedBytes payload the torrent engine fetched from mirrors by HTTP ranges (pieces no peer had)
 * @param mirrorBytes bytes received from mirrors over HTTP
 * @param peers peers connected now, summed over torrents
 * @param bytesPerSecond current receive rate, all sources
 */
public record FetchTotals(int files, int filesDone, long bytes, long bytesDone, long peerBytes, long webSeedBytes,
        long mirrorBytes, int peers, long bytesPerSecond) {
}
