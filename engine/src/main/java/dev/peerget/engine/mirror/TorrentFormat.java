package dev.peerget.engine.mirror;

/** Which BitTorrent metainfo a mirror publishes. */
public enum TorrentFormat {
    /** BitTorrent v1 with BEP 47 pad files, every package on its own pieces: what peerget writes. */
    V1,
    /** v1 and v2 (BEP 52) in one file; not written yet, refused with a message. */
    HYBRID
}
