package dev.peerget.repo;

/**
 * Where a peerget mirror publishes a repository's torrent inside the signed index, so that clients trust the
 * torrent exactly as they trust a Packages or primary file: by the size and digest the signed index states.
 *
 * <ul>
 *   <li>apt: {@code dists/SUITE/peerget.torrent}, listed in that suite's {@code Release} (path
 *       {@value #APT_PATH}, relative to the suite directory) in every checksum section;</li>
 *   <li>yum: a {@code <data type="torrent">} entry of {@code repodata/repomd.xml} whose location is
 *       {@code repodata/<sha256>-peerget.torrent}, the layout {@code modifyrepo_c --mdtype=torrent} uses.</li>
 * </ul>
 */
public final class TorrentIndex {
    /** apt: the torrent's path relative to {@code dists/SUITE/}, as the Release lists it. */
    public static final String APT_PATH = "peerget.torrent";
    /** yum: the repomd data type of the torrent entry. */
    public static final String REPOMD_TYPE = "torrent";
    /** yum: the file name after {@code <sha256>-} under {@code repodata/}. */
    public static final String REPOMD_FILE_NAME = "peerget.torrent";

    private TorrentIndex() {
    }
}
