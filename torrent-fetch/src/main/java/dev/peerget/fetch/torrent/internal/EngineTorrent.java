package dev.peerget.fetch.torrent.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.libtorrent4j.FileStorage;
import org.libtorrent4j.Priority;
import org.libtorrent4j.TorrentFlags;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.TorrentStatus;

/**
 * One torrent of an {@link EngineSession} and what the session remembers about it: its reports (PROGRESS and
 * FINISHED) are decided here. Not thread-safe: guarded by the session's lock.
 */
final class EngineTorrent {
    final String id;
    final String hash;
    /** Ours, not an alert's: alert handles are freed with the alert. */
    final TorrentHandle handle;
    final boolean[] pads;
    /** Kept for its file storage (the ranges' and offers' piece arithmetic), valid as long as this object. */
    final TorrentInfo info;
    /** Payload bytes the {@link RangeFetcher} fetched from mirrors for this torrent. */
    final AtomicLong httpBytes = new AtomicLong();
    /** Where the resume data of SAVEs not answered yet goes, oldest first. */
    final Deque<Path> pendingSaves = new ArrayDeque<>();
    Path resumeFile;
    /** prioritize_files calls not yet confirmed by file_prio_alert. */
    int prioritiesPending;
    boolean finished;
    /**
     * libtorrent dropped alerts (its queue was full), and a file_completed_alert may have been among them: the
     * next report looks at the files themselves ({@link #sweep}).
     */
    boolean sweepPending;
    /** Files reported complete (FILE): each is reported once, by its alert or by a sweep. */
    private final BitSet reported = new BitSet();
    private String lastProgress;

    EngineTorrent(String id, String hash, TorrentHandle handle, TorrentInfo info, boolean[] pads, Path resumeFile) {
        this.id = id;
        this.hash = hash;
        this.handle = handle;
        this.info = info;
        this.pads = pads;
        this.resumeFile = resumeFile;
    }

    /** The selection grew: report again, and FINISHED again once the larger selection is complete. */
    void selectionGrew() {
        finished = false;
        lastProgress = null;
    }

    /** Sends FILE for file {@code index} unless it is a pad file or was reported already. */
    void fileCompleted(EngineSession.Output out, int index) {
        if (!pads[index] && !reported.get(index)) {
            reported.set(index);
            out.send(EngineProtocol.FILE, id, Integer.toString(index));
        }
    }

    /**
     * Reports every selected file that is complete and was not reported yet. A fetch takes a file from the swarm
     * on its FILE alone: a lost report left the install benchmark's client waiting 10 s for 31 files it had, and
     * then fetching them again from the mirror.
     */
    void sweep(EngineSession.Output out) {
        sweepPending = false;
        long[] done = handle.fileProgress(TorrentHandle.PIECE_GRANULARITY);
        Priority[] priorities = handle.filePriorities();
        FileStorage files = info.files();
        for (int i = 0; i < done.length && i < priorities.length; i++) {
            if (priorities[i] != Priority.IGNORE && done[i] == files.fileSize(i)) {
                fileCompleted(out, i);
            }
        }
    }

    /**
     * Sends PROGRESS when something changed since the last one, or always when {@code force}; then FINISHED if
     * the selection just became complete. The caller holds the session's lock, so that the ticker and the alert
     * thread send in the order they read the status: a stale line never follows FINISHED.
     */
    void progress(EngineSession.Output out, boolean force) {
        if (!handle.isValid()) {
            return;
        }
        // status() without force is libtorrent4j's copy, up to 500 ms old: it showed a torrent still missing bytes
        // after torrent_finished_alert, and a grown selection as finished.
        if (sweepPending) {
            sweep(out);
        }
        TorrentStatus status = handle.status(true);
        // libtorrent's web seeds are off (see RangeFetcher): every connection is a BitTorrent peer, and pieces
        // given to add_piece are not counted as downloaded payload.
        int peers = status.numPeers();
        long webBytes = httpBytes.get();
        long total = status.totalPayloadDownload();
        // A paused torrent refuses peers whatever its state says: never report it as SEEDING.
        String state = status.flags().and_(TorrentFlags.PAUSED).non_zero() ? EngineProtocol.PAUSED
                : status.state().name();
        String[] fields = {EngineProtocol.PROGRESS, id, Long.toString(total),
            Long.toString(webBytes), Long.toString(status.totalWantedDone()), Long.toString(status.totalWanted()),
            state, Long.toString(status.totalPayloadUpload()), Integer.toString(peers)};
        String line = EngineProtocol.line(fields);
        if (force || !line.equals(lastProgress)) {
            lastProgress = line;
            out.send(fields);
        }
        // Decided here, from the status, once per selection: the ticker sees completions that come without
        // torrent_finished_alert (a grown selection whose new files were on disk already).
        if (!finished && prioritiesPending == 0 && status.totalWanted() > 0
                && status.totalWantedDone() == status.totalWanted()) {
            finished = true;
            // Every file of the selection before FINISHED, whatever alerts were lost.
            sweep(out);
            out.send(EngineProtocol.FINISHED, id);
        }
    }
}
