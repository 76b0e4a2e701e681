package dev.peerget.fetch.swarm;

import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.swarm.FetchSlot.State;
import dev.peerget.fetch.torrent.EngineProcess;
import dev.peerget.fetch.torrent.EngineWarmup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The state of one fetch: a slot per file, the HTTP queue, what is known about each swarm, and the bookkeeping that
 * moves a slot between the swarm, HTTP, done and failed. The swarm side ({@link SwarmDriver}), the HTTP side
 * ({@link HttpWorkers}) and the fallback rule ({@link SwarmFallback}) work on it.
 *
 * <p>Thread-safety: {@link #lock} guards the slots' states, {@link #views} and the fallback's progress; the engine's
 * commands are decided under it and sent outside it ({@link #engineActions}).
 */
final class FetchRun {
    static final long TICK_MILLIS = 200;

    final FetchPolicy policy;
    /** An engine started while the command planned, or null: {@link SwarmDriver} takes it if it fits. */
    final EngineWarmup warmup;
    final FetchSink sink;
    final FetchListener listener;
    final List<FetchSlot> slots = new ArrayList<>();
    final Object lock = new Object();
    final LinkedBlockingDeque<FetchSlot> queue = new LinkedBlockingDeque<>();
    /** info hash → torrent file index → slot. */
    final Map<String, Map<Integer, FetchSlot>> byTorrent = new LinkedHashMap<>();
    /** info hash → what is known about its swarm; guarded by the lock. */
    final Map<String, SwarmView> views = new LinkedHashMap<>();
    /** Commands for the engine decided under the lock, sent outside it. */
    final java.util.Queue<java.util.function.Consumer<EngineProcess>> engineActions =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    final Map<String, long[]> torrentBytes = new ConcurrentHashMap<>();
    private final RateWindow received = new RateWindow(SwarmFallback.RATE_WINDOW);
    final long started = System.nanoTime();
    final SwarmDriver swarm;
    final HttpWorkers httpSide;
    final SwarmFallback fallback;
    private ExecutorService workers;
    ExecutorService verifier;
    volatile boolean finished;
    volatile int maxPeers;

    FetchRun(FetchPolicy policy, HttpDownloader http, FetchSink sink, List<FetchItem> items,
            FetchListener listener, EngineWarmup warmup) {
        this.policy = policy;
        this.warmup = warmup;
        this.sink = sink;
        this.listener = listener;
        for (FetchItem item : items) {
            slots.add(new FetchSlot(item));
        }
        this.swarm = new SwarmDriver(this);
        this.httpSide = new HttpWorkers(this, http);
        this.fallback = new SwarmFallback(this);
    }

    FetchReport execute() {
        List<FetchSlot> toSwarm = new ArrayList<>();
        for (FetchSlot s : slots) {
            var cached = sink.cached(s.item);
            if (cached.isPresent()) {
                s.state = State.DONE;
                s.source = FetchSource.CACHE;
                s.file = cached.get();
                listener.done(s.item, FetchSource.CACHE, 0, s.file);
            } else if (policy.useTorrents() && s.item.torrent() != null) {
                s.state = State.SWARM;
                toSwarm.add(s);
                byTorrent.computeIfAbsent(s.item.torrent().infoHash(), k -> new LinkedHashMap<>())
                        .put(s.item.torrent().fileIndex(), s);
                views.computeIfAbsent(s.item.torrent().infoHash(), k -> new SwarmView());
            } else {
                s.state = State.QUEUED;
                queue.add(s);
            }
        }
        workers = Executors.newFixedThreadPool(policy.httpConnections(), r -> daemon(r, "peerget-http"));
        verifier = Executors.newSingleThreadExecutor(r -> daemon(r, "peerget-verify"));
        try {
            for (int i = 0; i < policy.httpConnections(); i++) {
                workers.execute(httpSide::httpWorker);
            }
            if (!toSwarm.isEmpty()) {
                boolean askTrackers = policy.engine().localOnly() && policy.peers().isEmpty();
                if (askTrackers) {
                    swarm.checkAnnouncePort();
                }
                Thread starter = daemon(swarm::startSwarm, "peerget-swarm-start");
                starter.start();
                if (askTrackers) {
                    for (String hash : byTorrent.keySet()) {
                        daemon(() -> swarm.scrape(hash), "peerget-scrape").start();
                    }
                }
            }
            coordinate();
        } finally {
            finished = true;
            workers.shutdownNow();
            try {
                // Idle workers notice at once; one still reading a body the swarm won is left to finish.
                workers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            verifier.shutdown();
            try {
                verifier.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            swarm.close();
        }
        return report();
    }

    // ---- bookkeeping ----------------------------------------------------------------------------------

    void finish(FetchSlot s, FetchSource source, Path file, long bytes) {
        synchronized (lock) {
            if (s.state == State.DONE) {
                return;
            }
            s.state = State.DONE;
            s.source = source;
            s.file = file;
            // Under the lock: the fetch must not return before the caller has heard of every file.
            listener.done(s.item, source, bytes, file);
            lock.notifyAll();
        }
    }

    /** Call with the lock held. */
    void fail(FetchSlot s, String why) {
        s.state = State.FAILED;
        s.failure = why;
        lock.notifyAll();
    }

    /**
     * Hands a swarm file to HTTP (or fails it when no mirror can serve it), and out of the engine's selection,
     * so that the swarm and the mirror do not both deliver it. Call with the lock held.
     */
    void release(FetchSlot s, String why) {
        // A file the engine completed is never taken away: under load its admission (a copy and a digest)
        // waited seconds, and HTTP fetched it a second time meanwhile.
        if (s.state != State.SWARM || s.swarmComplete) {
            return;
        }
        if (s.mirrorFailed || s.item.mirrors().isEmpty()) {
            fail(s, why + " and no mirror could serve it");
        } else {
            s.state = State.QUEUED;
            queue.add(s);
            TorrentSlot t = s.item.torrent();
            engineActions.add(e -> e.deselect(t.infoHash(), List.of(t.fileIndex())));
        }
    }

    /**
     * Files of torrent {@code hash} that HTTP had and gave back (queued files a peer can bring after all, or a
     * file whose mirrors failed): into the engine's selection again. Call with the lock held.
     */
    void reselect(String hash, List<FetchSlot> back) {
        List<Integer> indexes = back.stream().map(s -> s.item.torrent().fileIndex()).toList();
        if (!indexes.isEmpty()) {
            TorrentSlot any = back.get(0).item.torrent();
            Path saveDir = policy.saveDir(hash);
            engineActions.add(e -> e.add(hash, any.torrentFile(), saveDir, indexes, List.of()));
        }
    }

    private void coordinate() {
        while (true) {
            synchronized (lock) {
                if (slots.stream().allMatch(s -> s.state == State.DONE || s.state == State.FAILED)) {
                    return;
                }
                try {
                    lock.wait(TICK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    for (FetchSlot s : slots) {
                        if (s.state != State.DONE && s.state != State.FAILED) {
                            fail(s, "interrupted");
                        }
                    }
                    return;
                }
                fallback.balance();
            }
            swarm.sendEngineActions();
            listener.progress(totals());
        }
    }

    private FetchTotals totals() {
        int done = 0;
        long bytes = 0;
        long bytesDone = 0;
        synchronized (lock) {
            for (FetchSlot s : slots) {
                bytes += s.item.size();
                if (s.state == State.DONE) {
                    done++;
                    bytesDone += s.item.size();
                }
            }
        }
        long peer = 0;
        long web = 0;
        int peers = 0;
        for (long[] b : torrentBytes.values()) {
            peer += b[0];
            web += b[1];
            peers += (int) b[2];
        }
        maxPeers = Math.max(maxPeers, peers);
        received.add(System.nanoTime(), peer + web + httpSide.mirrorBytes());
        return new FetchTotals(slots.size(), done, bytes, bytesDone, peer, web, httpSide.mirrorBytes(), peers,
                received.bytesPerSecond());
    }

    private FetchReport report() {
        List<FetchReport.Fetched> fetched = new ArrayList<>();
        List<FetchReport.Failed> failed = new ArrayList<>();
        synchronized (lock) {
            for (FetchSlot s : slots) {
                if (s.state == State.DONE) {
                    fetched.add(new FetchReport.Fetched(s.item, s.source, s.file));
                } else {
                    failed.add(new FetchReport.Failed(s.item, s.failure != null ? s.failure : "not fetched",
                            s.rejected));
                }
            }
        }
        FetchTotals totals = totals();
        return new FetchReport(fetched, failed, totals, maxPeers,
                Duration.ofNanos(System.nanoTime() - started), seedable(fetched));
    }

    /**
     * Per torrent, its files now verified in the cache, whatever their source: what a seeder may serve. Nothing
     * is written here: the seeder lays the files out itself (the torrent's directory may belong to the
     * unprivileged engine, where this process must not create or delete anything).
     */
    private List<FetchReport.Seedable> seedable(List<FetchReport.Fetched> fetched) {
        if (!policy.useTorrents()) {
            return List.of();
        }
        Map<String, Map<Integer, Path>> perTorrent = new LinkedHashMap<>();
        Map<String, Path> torrentFiles = new LinkedHashMap<>();
        for (FetchReport.Fetched f : fetched) {
            TorrentSlot t = f.item().torrent();
            if (t != null) {
                perTorrent.computeIfAbsent(t.infoHash(), k -> new LinkedHashMap<>()).put(t.fileIndex(), f.file());
                torrentFiles.put(t.infoHash(), t.torrentFile());
            }
        }
        List<FetchReport.Seedable> out = new ArrayList<>();
        perTorrent.forEach((hash, files) -> out.add(new FetchReport.Seedable(torrentFiles.get(hash), hash,
                files)));
        return out;
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
