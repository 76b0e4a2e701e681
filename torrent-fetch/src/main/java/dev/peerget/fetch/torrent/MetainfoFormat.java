package dev.peerget.fetch.torrent;

/** Which metainfo {@link TorrentCreator} writes. */
public enum MetainfoFormat {
    /** BitTorrent v1 with BEP 47 pad files: every client reads it, aria2 1.36 and Transmission 3.00 included. */
    V1,
    /**
     * v1 and v2 (BEP 52) in one file, describing the same pieces: v2 clients verify each file by its merkle root,
     * v1 clients read the v1 half. aria2 1.36 and Transmission 3.00 cannot read it.
     */
    HYBRID
}
