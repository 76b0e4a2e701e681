package dev.peerget.fetch.torrent.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.libtorrent4j.AddTorrentParams;
import org.libtorrent4j.AlertListener;
import org.libtorrent4j.Priority;
import org.libtorrent4j.SessionManager;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.TcpEndpoint;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.TorrentStatus;
import org.libtorrent4j.alerts.Alert;
import org.libtorrent4j.alerts.AlertsDroppedAlert;
import org.libtorrent4j.alerts.FileCompletedAlert;
import org.libtorrent4j.alerts.FileErrorAlert;
import org.libtorrent4j.alerts.FilePrioAlert;
import org.libtorrent4j.alerts.HashFailedAlert;
import org.libtorrent4j.alerts.ListenFailedAlert;
import org.libtorrent4j.alerts.ListenSucceededAlert;
import org.libtorrent4j.alerts.SaveResumeDataAlert;
import org.libtorrent4j.alerts.SaveResumeDataFailedAlert;
import org.libtorrent4j.alerts.StateChangedAlert;
import org.libtorrent4j.alerts.TorrentAlert;
import org.libtorrent4j.alerts.TorrentErrorAlert;
import org.libtorrent4j.alerts.TorrentFinishedAlert;
import org.libtorrent4j.alerts.TorrentRemovedAlert;
import org.libtorrent4j.alerts.TrackerErrorAlert;
import org.libtorrent4j.alerts.TrackerReplyAlert;
import org.libtorrent4j.swig.add_torrent_params;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.session_handle;
import org.libtorrent4j.swig.torrent_handle;

/**
 * The child's libtorrent session and the torrents in it, reporting {@link EngineProtocol} lines through an
 * {@link Output}. Commands, the ticker and libtorrent's alert thread all call in: every method holding torrent
 * state is synchronized on this object, and none of them waits on the alert thread while holding it (stop waits
 * with {@link Object#wait}, which releases it).
 */
final class EngineSession {
    /** Where protocol lines go. */
    @FunctionalInterface
    interface Output {
        void send(String... fields);
    }

    private final Output out;
    private final PrintStream alertLog;
    private final SessionManager session;
    private final Map<String, EngineTorrent> byId = new HashMap<>();
    private final Map<String, EngineTorrent> byHash = new HashMap<>();
    /** Torrents being removed, until libtorrent says they are gone. */
    private final RemovingTorrents removing = new RemovingTorrents();
    private final RangeFetcher ranges = new RangeFetcher();
    private final boolean webSeeds;
    private final ListenPort listenPort = new ListenPort();

    /**
     * @param alertLog receives every libtorrent alert, log categories included, or null
     * @param webSeeds keep the torrents' web seeds (BEP 19) for libtorrent to use
     */
    EngineSession(Output out, PrintStream alertLog, boolean webSeeds) {
        this.out = out;
        this.alertLog = alertLog;
        this.webSeeds = webSeeds;
        this.session = new SessionManager(alertLog != null);
    }

    /** Starts the session and returns the TCP port it listens on; throws IOException if it cannot listen. */
    int start(String listenInterfaces, boolean local, long timeoutMillis) throws IOException, InterruptedException {
        session.addListener(new AlertListener() {
            @Override
            public int[] types() {
                return null;
            }

            @Override
            public void alert(Alert<?> alert) {
                onAlert(alert);
            }
        });
        session.start(SessionSettings.of(listenInterfaces, local));
        session.applySettings(AlertSettings.of(alertLog != null));
        session.swig().set_peer_class_filter(SessionSettings.everyoneGlobal());
        return listenPort.await(listenInterfaces, timeoutMillis);
    }

    /**
     * ADD: a new torrent, or more files for a torrent already added under the same id (its selection grows, and
     * FINISHED is reported again once the larger selection is complete).
     */
    synchronized void add(String id, Path torrentFile, Path saveDir, List<Integer> indexes,
            List<TcpEndpoint> peers, Path resumeFile) {
        TorrentInfo info = new TorrentInfo(torrentFile.toFile());
        String hash = info.infoHash().toHex();
        for (int index : indexes) {
            if (index < 0 || index >= info.numFiles() || info.files().padFileAt(index)) {
                out.send(EngineProtocol.ERROR, id, "no file " + index + " in " + torrentFile);
                return;
            }
        }
        EngineTorrent existing = byId.get(id);
        EngineTorrent other = byHash.get(hash);
        if (existing != null && !existing.hash.equals(hash)) {
            out.send(EngineProtocol.ERROR, id, "id " + id + " already names torrent " + existing.hash);
        } else if (existing == null && other != null) {
            out.send(EngineProtocol.ERROR, id, "torrent " + hash + " is already in the session as " + other.id);
        } else if (existing != null) {
            Priority[] priorities = existing.handle.filePriorities();
            AddParams.select(priorities, info, indexes);
            // libtorrent 2.0 applies new priorities on its disk thread; until file_prio_alert says they are in
            // place, the status still shows the old selection, complete: FINISHED waits for it.
            existing.prioritiesPending++;
            existing.handle.prioritizeFiles(priorities);
            for (TcpEndpoint peer : peers) {
                existing.handle.swig().connect_peer(peer.swig());
            }
            if (resumeFile != null) {
                existing.resumeFile = resumeFile;
            }
            existing.selectionGrew();
            out.send(EngineProtocol.ADDED, id, hash);
        } else {
            addNew(id, info, saveDir, indexes, peers, resumeFile);
        }
    }

    private void addNew(String id, TorrentInfo info, Path saveDir, List<Integer> indexes, List<TcpEndpoint> peers,
            Path resumeFile) {
        String hash = info.infoHash().toHex();
        add_torrent_params params = AddParams.forNew(info, saveDir, indexes, peers, resumeFile, webSeeds);
        saveDir.toFile().mkdirs();
        error_code ec = new error_code();
        torrent_handle added = session.swig().add_torrent(params, ec);
        if (ec.value() != 0) {
            out.send(EngineProtocol.ERROR, id, EngineProtocol.text("cannot add " + info.name() + ": " + ec.message()));
            return;
        }
        boolean[] pads = new boolean[info.numFiles()];
        for (int i = 0; i < pads.length; i++) {
            pads[i] = info.files().padFileAt(i);
        }
        EngineTorrent torrent = new EngineTorrent(id, hash, new TorrentHandle(added), info, pads, resumeFile);
        byId.put(id, torrent);
        byHash.put(hash, torrent);
        out.send(EngineProtocol.ADDED, id, hash);
        if (info.trackers().isEmpty()) {
            // No tracker to ask: as if every announce had failed.
            out.send(EngineProtocol.TRACKER, id, "-1", "-1", "-1");
        }
    }

    /** DESELECT: these files are no longer wanted (fetched elsewhere): priority 0, no ranges for them either. */
    synchronized void deselect(String id, List<Integer> indexes) {
        EngineTorrent torrent = find(id);
        if (torrent == null) {
            return;
        }
        ranges.drop(id, indexes);
        Priority[] priorities = torrent.handle.filePriorities();
        for (int index : indexes) {
            if (index >= 0 && index < priorities.length) {
                priorities[index] = Priority.IGNORE;
            }
        }
        torrent.prioritiesPending++;
        torrent.handle.prioritizeFiles(priorities);
        torrent.selectionGrew();
    }

    /** HTTP: the pieces of file {@code index} that nobody has may be fetched from {@code url} by byte ranges. */
    synchronized void http(String id, int index, java.net.URI url) {
        EngineTorrent torrent = find(id);
        if (torrent != null) {
            ranges.add(torrent, torrent.info.files(), index, url);
        }
    }

    /** OFFER: file {@code index} is complete in {@code file}: its pieces go into the torrent, for the peers. */
    synchronized void offer(String id, int index, Path file) {
        EngineTorrent torrent = find(id);
        if (torrent != null) {
            ranges.offer(torrent, torrent.info.files(), index, file);
        }
    }

    /** STATUS: a PROGRESS line now, changed or not. */
    synchronized void status(String id) {
        EngineTorrent torrent = find(id);
        if (torrent != null) {
            torrent.progress(out, true);
        }
    }

    /** SAVE: resume data to {@code file}, reported by SAVED or UNSAVED. */
    synchronized void save(String id, Path file) {
        EngineTorrent torrent = find(id);
        if (torrent != null) {
            torrent.pendingSaves.add(file);
            torrent.handle.saveResumeData();
        }
    }

    /**
     * REMOVE: a final PROGRESS line, then out of the session, files kept (or deleted, with {@code deleteFiles});
     * REMOVED follows once libtorrent has let go of the torrent. A SAVE sent before is answered before REMOVED
     * (libtorrent writes resume data at once, before it removes).
     */
    synchronized void remove(String id, boolean deleteFiles) {
        EngineTorrent torrent = find(id);
        if (torrent != null) {
            // A last PROGRESS before REMOVED: the fetch counts its peer and range bytes from these lines, and
            // a file the ranges completed just before may not have been reported yet.
            torrent.progress(out, true);
            byId.remove(id);
            byHash.remove(torrent.hash);
            ranges.forget(id);
            removing.add(torrent);
            if (deleteFiles) {
                session.swig().remove_torrent(torrent.handle.swig(), session_handle.delete_files);
            } else {
                session.swig().remove_torrent(torrent.handle.swig());
            }
        }
    }

    /** LIMITS: session-wide payload rate limits in bytes per second, 0 for none. */
    void limits(int upload, int download) {
        session.applySettings(new SettingsPack().uploadRateLimit(upload).downloadRateLimit(download));
    }

    /** Reports PROGRESS for every torrent whose status changed since its last report. */
    synchronized void tick() {
        for (EngineTorrent torrent : byId.values()) {
            torrent.progress(out, false);
        }
    }

    /**
     * Saves resume data of every torrent added with a resume file, waiting at most {@code timeoutMillis} for
     * libtorrent to hand it over, then stops the session.
     */
    void stop(long timeoutMillis) throws InterruptedException {
        ranges.close();
        boolean resume;
        synchronized (this) {
            resume = byId.values().stream().anyMatch(t -> t.resumeFile != null);
            for (EngineTorrent torrent : byId.values()) {
                if (torrent.resumeFile != null) {
                    torrent.pendingSaves.add(torrent.resumeFile);
                    torrent.handle.saveResumeData();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (savesPending()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    out.send(EngineProtocol.ERROR, EngineProtocol.NONE,
                            "resume data not saved within " + timeoutMillis + " ms of STOP");
                    break;
                }
                wait(left);
            }
        }
        if (resume) {
            session.stop();
        }
        // Else the process exits without it: libtorrent4j's SessionManager.stop sleeps 750 ms, and there is
        // nothing to keep (a fetch's files are in the cache, a partial download is checked again when added).
    }

    private boolean savesPending() {
        return byId.values().stream().anyMatch(t -> !t.pendingSaves.isEmpty())
                || removing.savesPending();
    }

    private EngineTorrent find(String id) {
        EngineTorrent torrent = byId.get(id);
        if (torrent == null) {
            out.send(EngineProtocol.ERROR, id, "no such torrent");
        }
        return torrent;
    }

    private void onAlert(Alert<?> alert) {
        if (alertLog != null) {
            alertLog.println(System.currentTimeMillis() + " " + alert.type() + " " + alert.message());
        }
        if (alert instanceof ListenSucceededAlert a) {
            listenPort.succeeded(a);
        } else if (alert instanceof ListenFailedAlert a) {
            listenPort.failed(a);
        } else if (alert instanceof SaveResumeDataAlert a) {
            saved(a);
        } else if (alert instanceof TorrentRemovedAlert a) {
            removed(a.getInfoHashes().getBest().toHex());
        } else if (alert instanceof AlertsDroppedAlert) {
            sweepOnNextTick();
        } else if (alert instanceof TorrentAlert<?> a) {
            onTorrentAlert(a);
        }
    }

    private synchronized void onTorrentAlert(TorrentAlert<?> alert) {
        EngineTorrent torrent = torrentOf(alert);
        if (torrent == null) {
            return;
        }
        if (alert instanceof FileCompletedAlert a) {
            torrent.fileCompleted(out, a.index());
        } else if (alert instanceof TrackerReplyAlert a) {
            // The counts of the reply's scrape part ("complete", "incomplete"), when the tracker sent them: a
            // tracker may list the announcing client itself among the peers (opentracker does), so the peer
            // count alone cannot tell an empty swarm.
            TorrentStatus status = torrent.handle.status(true);
            out.send(EngineProtocol.TRACKER, torrent.id, Integer.toString(a.numPeers()),
                    Integer.toString(status.numComplete()), Integer.toString(status.numIncomplete()));
        } else if (alert instanceof TrackerErrorAlert) {
            out.send(EngineProtocol.TRACKER, torrent.id, "-1", "-1", "-1");
        } else if (alert instanceof HashFailedAlert a) {
            ranges.hashFailed(torrent.id, a.pieceIndex());
        } else if (alert instanceof FilePrioAlert) {
            torrent.prioritiesPending = Math.max(0, torrent.prioritiesPending - 1);
            torrent.progress(out, true);
        } else if (alert instanceof TorrentFinishedAlert || alert instanceof StateChangedAlert) {
            torrent.progress(out, true);
        } else if (alert instanceof SaveResumeDataFailedAlert a) {
            Path file = torrent.pendingSaves.poll();
            out.send(EngineProtocol.UNSAVED, torrent.id, String.valueOf(file),
                    EngineProtocol.text("cannot save resume data: " + a.error().getMessage()));
            notifyAll();
        } else if (alert instanceof TorrentErrorAlert a) {
            out.send(EngineProtocol.ERROR, torrent.id, EngineProtocol.text(a.filename() + ": "
                    + a.error().getMessage()));
        } else if (alert instanceof FileErrorAlert a) {
            out.send(EngineProtocol.ERROR, torrent.id, EngineProtocol.text(a.filename() + ": "
                    + a.error().getMessage()));
        }
    }

    /** libtorrent's queue overflowed: which alerts were lost is not known, so every torrent looks at its files. */
    private synchronized void sweepOnNextTick() {
        for (EngineTorrent torrent : byId.values()) {
            torrent.sweepPending = true;
        }
    }

    /** The torrent an alert is about, while it is in the session; alerts of removed torrents have dead handles. */
    private EngineTorrent torrentOf(TorrentAlert<?> alert) {
        try {
            TorrentHandle handle = alert.handle();
            return handle.isValid() ? byHash.get(handle.infoHash().toHex()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Writes the resume data now: the alert, and the parameters it holds, are freed when the callback returns. */
    private synchronized void saved(SaveResumeDataAlert alert) {
        AddTorrentParams params = alert.params();
        String hash = params.getInfoHashes().getBest().toHex();
        EngineTorrent torrent = byHash.get(hash);
        if (torrent == null || torrent.pendingSaves.isEmpty()) {
            torrent = removing.awaitingSave(hash);
        }
        if (torrent == null || torrent.pendingSaves.isEmpty()) {
            return;
        }
        Path file = torrent.pendingSaves.poll();
        try {
            ResumeData.write(file, AddTorrentParams.writeResumeDataBuf(params));
            out.send(EngineProtocol.SAVED, torrent.id, file.toString());
        } catch (IOException e) {
            out.send(EngineProtocol.UNSAVED, torrent.id, file.toString(),
                    EngineProtocol.text("cannot write resume data: " + e.getMessage()));
        }
        notifyAll();
    }

    private synchronized void removed(String hash) {
        EngineTorrent torrent = removing.removed(hash);
        if (torrent == null) {
            return;
        }
        out.send(EngineProtocol.REMOVED, torrent.id);
        notifyAll();
    }
}
