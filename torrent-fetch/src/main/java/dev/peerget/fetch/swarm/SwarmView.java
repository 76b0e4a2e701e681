package dev.peerget.fetch.swarm;

/**
 * What one fetch knows about one torrent's swarm, from the engine's events, and what it decided about it.
 * Not thread-safe: the fetch's lock guards it.
 */
final class SwarmView {
    /** How the torrent's files are fetched now. */
    enum Mode {
        /** Nothing known yet: the swarm alone (the engine's ranges are not asked for yet). */
        WAITING,
        /**
         * Others are (or may be) there: peers, and the engine fetches from the mirror, by byte ranges, only the
         * pieces no connected peer has.
         */
        SWARM,
        /**
         * Nobody is there (the tracker knew no peer, no connection, no DHT/LSD, no configured peer): the files go
         * to peerget's own HTTP connections, whole (one at a time for a second after a working tracker's answer);
         * each verified file is offered to the engine once somebody connects.
         */
        ALONE
    }

    Mode mode = Mode.WAITING;
    /** A tracker's answer to an announce or a scrape before the engine was up ({@link TrackerScrape}): nobody else. */
    boolean scrapedEmpty;
    /**
     * The engine has reported on this torrent (a tracker answer or progress): it has the torrent. A torrent
     * without trackers gets its "no tracker answered" at once, so before this nothing is known about it.
     */
    boolean engineReported;
    /** A tracker answered (with any number of peers, or with an error: -1). */
    boolean trackerAnswered;
    /** A tracker's answer named others (not only this client). */
    boolean trackerKnowsOthers;
    /** A tracker answered with counts (not with an error): others who start now may announce there too. */
    boolean trackerWorks;
    /** When the fetch found nobody there (System.nanoTime), in mode ALONE. */
    long aloneSince;
    /** Connected BitTorrent peers, from the last PROGRESS. */
    int connected;
    /** The most peers ever connected at once. */
    int maxConnected;
    /** When the engine was asked for piece ranges (System.nanoTime), in mode SWARM. */
    long rangesSince;
    /** When {@link #connected} last went from 0 to more (System.nanoTime). */
    long connectedSince;
    /** Files fetched over HTTP while nobody was there, by torrent index: offered once somebody is. */
    final java.util.Map<Integer, java.nio.file.Path> notOffered = new java.util.LinkedHashMap<>();

    void onTracker(dev.peerget.fetch.torrent.EngineEvent.TrackerReply reply) {
        engineReported = true;
        trackerAnswered = true;
        trackerKnowsOthers |= !reply.empty();
        trackerWorks |= !reply.failed();
    }

    void onPeers(int peers) {
        engineReported = true;
        connected = peers;
        maxConnected = Math.max(maxConnected, peers);
    }

    /**
     * Nobody to fetch from: the tracker's answer held no peer (or it failed), no peer ever connected, and peers
     * can come from nowhere else ({@code otherSources}: DHT, local peer discovery, configured peers).
     */
    boolean nobodyThere(boolean otherSources) {
        return trackerAnswered && !trackerKnowsOthers && maxConnected == 0 && !otherSources;
    }

    /** Somebody is there: a tracker knew peers, or one connected. */
    boolean somebodyThere() {
        return trackerKnowsOthers || maxConnected > 0;
    }
}
