package dev.peerget.fetch.torrent.internal;

import java.nio.file.Path;
import java.util.List;
import org.libtorrent4j.Priority;
import org.libtorrent4j.TcpEndpoint;
import org.libtorrent4j.TorrentFlags;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.swig.add_torrent_params;
import org.libtorrent4j.swig.byte_vector;
import org.libtorrent4j.swig.tcp_endpoint_vector;
import org.libtorrent4j.swig.web_seed_entry_vector;

/**
 * What an ADD hands libtorrent: the parameters of a torrent new to the session, and the file priorities of a
 * selection (new, or grown).
 *
 * <p>Torrents are added neither auto-managed nor paused. libtorrent's default (auto-managed, paused) leaves a
 * torrent that finished checking paused until the queue manager's next pass, up to a second later; its status
 * already says "seeding", but the session refuses incoming connections ("rejected, no active torrents"), and
 * the refused leecher waits {@code min_reconnect_time} (60 s) before trying that peer again. peerget holds a
 * handful of torrents and wants each running as soon as it is checked, so there is nothing to queue.
 */
final class AddParams {
    private AddParams() {
    }

    /**
     * The parameters to add {@code info} with: its resume data if {@code resumeFile} holds this torrent's, the files
     * at {@code indexes} selected (all when empty), {@code peers} to connect to, running at once.
     *
     * @param webSeeds keep the torrent's web seeds (BEP 19) for libtorrent to use
     */
    static add_torrent_params forNew(TorrentInfo info, Path saveDir, List<Integer> indexes, List<TcpEndpoint> peers,
            Path resumeFile, boolean webSeeds) {
        String hash = info.infoHash().toHex();
        // libtorrent's web seeds (BEP 19) off: a client fetches from mirrors only what no peer has, through
        // HTTP (RangeFetcher); libtorrent's web seeds fetched the same ranges as the other clients, again and again.
        if (!webSeeds) {
            info.swig().set_web_seeds(new web_seed_entry_vector());
        }
        add_torrent_params params = ResumeData.read(resumeFile, hash);
        if (params == null) {
            params = new add_torrent_params();
        }
        params.set_ti(info.swig());
        params.setSave_path(saveDir.toAbsolutePath().toString());
        Priority[] priorities = Priority.array(indexes.isEmpty() ? Priority.DEFAULT : Priority.IGNORE,
                info.numFiles());
        select(priorities, info, indexes);
        byte_vector priorityVector = new byte_vector();
        for (Priority priority : priorities) {
            priorityVector.add(priority.swig());
        }
        params.set_file_priorities(priorityVector);
        tcp_endpoint_vector peerVector = new tcp_endpoint_vector();
        for (TcpEndpoint peer : peers) {
            peerVector.add(peer.swig());
        }
        params.setPeers(peerVector);
        // Running at once, not queued: see the class comment.
        params.setFlags(params.getFlags().and_(TorrentFlags.AUTO_MANAGED.or_(TorrentFlags.PAUSED).inv()));
        return params;
    }

    /** Selects the files at {@code indexes} in {@code priorities}, or every file when {@code indexes} is empty. */
    static void select(Priority[] priorities, TorrentInfo info, List<Integer> indexes) {
        if (indexes.isEmpty()) {
            for (int i = 0; i < priorities.length; i++) {
                priorities[i] = Priority.DEFAULT;
            }
        }
        for (int index : indexes) {
            priorities[index] = Priority.DEFAULT;
        }
    }
}
