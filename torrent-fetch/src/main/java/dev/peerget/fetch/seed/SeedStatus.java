package dev.peerget.fetch.seed;

import java.time.Duration;

/**
 * What {@code peerget seed status} shows for one torrent.
 *
 * @param infoHash the torrent's info hash
 * @param name the torrent's name
 * @param files files seeded
 * @param fetchedBytes bytes this machine fetched of it
 * @param uploaded bytes uploaded so far
 * @param peers peers connected now
 * @param timeLeft until seed_time ends seeding
 */
public record SeedStatus(String infoHash, String name, int files, long fetchedBytes, long uploaded, int peers,
        Duration timeLeft) {
    public double ratio() {
        return fetchedBytes == 0 ? 0 : (double) uploaded / fetchedBytes;
    }
}
