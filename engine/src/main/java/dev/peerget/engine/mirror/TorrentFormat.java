package dev.peerget.engine.mirror;

/** Which BitTorrent metainfo a mirror publishes. */
public enum TorrentFormat {
    /**
     * BitTorrent v1 with BEP 47 pad files, every package on its own pieces; the default, because every client
     * reads it (aria2 1.36 and Transmission 3.00 included).
     */
    V1,
    /**
     * v1 and v2 (BEP 52) in one file over the same pieces: v2 clients also verify each package by its merkle root;
     * peerget clients use the v1 half and its info hash. aria2 1.36 and Transmission 3.00 cannot read it.
     */
    HYBRID
}
