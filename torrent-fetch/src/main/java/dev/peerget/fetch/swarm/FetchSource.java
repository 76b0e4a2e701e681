package dev.peerget.fetch.swarm;

/** Where a file came from. */
public enum FetchSource {
    /** Already in the package cache: nothing was transferred. */
    CACHE,
    /** From BitTorrent peers (the swarm, web seeds counted separately in the totals). */
    PEERS,
    /** From a mirror over plain HTTP (or a file: URL). */
    MIRROR
}
