package dev.peerget.fetch.swarm;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.http.DownloadRequest;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.http.Validators;
import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches package files from their repositories' torrents and mirrors, verifying every file before it enters the
 * cache.
 *
 * <p>The rule (issue #4): files of a repository without a torrent go to HTTP at once. Files in a torrent go to the
 * swarm first (only those files are selected). When the torrent's tracker answers that nobody is there (and peers
 * can come from nowhere else: no DHT, no local peer discovery, no configured peer), its files go to HTTP at once;
 * a file fetched so is offered to the engine if a peer connects after all. When somebody is there (a peer
 * connected for a second, or {@link FetchPolicy#swarmWait()} passed), the engine also fetches from the mirror,
 * by HTTP byte ranges, the pieces that no connected peer has: the clients of a swarm that starts together take
 * about one copy from the mirror between them and trade the rest (see {@link SwarmView}).
 * After {@link FetchPolicy#swarmWait()}, while the swarm delivers
 * less than {@link FetchPolicy#minSwarmRate()}, every idle HTTP connection takes one more torrent file away from
 * the swarm, starting from the end of the list, so the swarm and the mirror work towards each other and the user
 * never waits on a slow swarm. A file the mirror cannot serve stays with the swarm; it fails only when the swarm
 * too makes no progress for {@link FetchPolicy#swarmStall()}. If the engine process dies, everything left goes to
 * HTTP. A file taken to HTTP is deselected in the engine. Whoever finishes a file first wins; the cache admits a file only when its size and digest match the signed
 * index, so a peer can never change what is installed.
 *
 * <p>One instance per command; {@link #fetch} may be called more than once but not concurrently.
 */
public final class PackageFetcher {
    private static final long TICK_MILLIS = 200;
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long after the start of a fetch an empty swarm's files go to HTTP one by one before the engine has
     * announced: about what the engine needs to start and announce on an idle machine (0.4-0.8 s measured).
     * Not longer: 8 clients started together on 2 busy cores waited 9 s for their engines, and each fetched 3-10
     * whole files alone, many the same (docs/fetch-benchmarks.md).
     */
    private static final long PROBE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1200);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(2);
    /**
     * Connected peers that sent nothing for this long are taken for choking or stuck: whole files may go to HTTP.
     * Not shorter: on a machine whose cores are saturated (8 clients on 2 cores in the benchmark) peers went quiet
     * for several seconds, and each whole file taken then was also delivered by the peers.
     */
    private static final long PEERS_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /**
     * The end of a fetch: when what is left with the swarm is at most {@link #END_GAME_BYTES} and a twentieth of
     * the fetch, peers silent for this long hand it to HTTP. The install benchmark's first swarm run after its
     * seeders started waited the whole {@link #PEERS_IDLE_NANOS} for its last three files (0.5 MB of 106 MB);
     * fetching that little twice costs the mirror at most 1 MiB per client.
     */
    private static final long END_GAME_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    static final long END_GAME_BYTES = 1 << 20;
    /** How long a peer must have been connected before the pieces it lacks are fetched from the mirror. */
    private static final long PEER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FetchPolicy policy;
    private final HttpDownloader http;
    private final FetchSink sink;

    public PackageFetcher(FetchPolicy policy, HttpDownloader http, FetchSink sink) {
        this.policy = policy;
        this.http = http;
        this.sink = sink;
    }

    /** Fetches every item (cached ones are only looked up); never throws for one failed file: see the report. */
    public FetchReport fetch(List<FetchItem> items, FetchListener listener) {
        return new Run(items, listener).execute();
    }

    private enum State { SWARM, QUEUED, HTTP, DONE, FAILED }

    private static final class Slot {
        final FetchItem item;
        State state;
        boolean mirrorFailed;
        FetchSource source;
        Path file;
        String failure;
        boolean rejected;
        /** The engine has the whole file (its pieces verified); it waits for its turn to be admitted. */
        volatile boolean swarmComplete;

        Slot(FetchItem item) {
            this.item = item;
        }
    }

    private final class Run {
        private final List<Slot> slots = new ArrayList<>();
        private final FetchListener listener;
        private final Object lock = new Object();
        private final LinkedBlockingDeque<Slot> queue = new LinkedBlockingDeque<>();
        private final AtomicInteger busy = new AtomicInteger();
        private final AtomicLong mirrorBytes = new AtomicLong();
        /** info hash → torrent file index → slot. */
        private final Map<String, Map<Integer, Slot>> byTorrent = new LinkedHashMap<>();
        /** info hash → what is known about its swarm; guarded by the lock. */
        private final Map<String, SwarmView> views = new LinkedHashMap<>();
        /** Commands for the engine decided under the lock, sent outside it. */
        private final java.util.Queue<java.util.function.Consumer<EngineProcess>> engineActions =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final Map<String, long[]> torrentBytes = new ConcurrentHashMap<>();
        private final java.util.Set<String> removed = ConcurrentHashMap.newKeySet();
        private final RateWindow received = new RateWindow(RATE_WINDOW);
        private final RateWindow swarmReceived = new RateWindow(RATE_WINDOW);
        private final long started = System.nanoTime();
        private ExecutorService workers;
        private ExecutorService verifier;
        private volatile EngineProcess engine;
        private volatile boolean engineDead;
        private volatile boolean finished;
        private volatile long swarmStart = Long.MAX_VALUE;
        private long lastSwarmProgress = System.nanoTime();
        private long lastSwarmBytes;
        private long lastPeerBytes;
        private long lastPeerProgress = System.nanoTime();
        private volatile int maxPeers;

        Run(List<FetchItem> items, FetchListener listener) {
            this.listener = listener;
            for (FetchItem item : items) {
                slots.add(new Slot(item));
            }
        }

        FetchReport execute() {
            List<Slot> toSwarm = new ArrayList<>();
            for (Slot s : slots) {
                var cached = sink.cached(s.item);
                if (cached.isPresent()) {
                    s.state = State.DONE;
                    s.source = FetchSource.CACHE;
                    s.file = cached.get();
                    listener.done(s.item, FetchSource.CACHE, 0);
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
                    workers.execute(this::httpWorker);
                }
                if (!toSwarm.isEmpty()) {
                    Thread starter = daemon(this::startSwarm, "peerget-swarm-start");
                    starter.start();
                    if (policy.engine().localOnly() && policy.peers().isEmpty()) {
                        for (String hash : byTorrent.keySet()) {
                            daemon(() -> scrape(hash), "peerget-scrape").start();
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
                EngineProcess e = engine;
                if (e != null) {
                    dropDownloads(e);
                    e.close();
                }
            }
            return report();
        }

        // ---- the swarm -------------------------------------------------------------------------------------

        private void startSwarm() {
            try {
                EngineProcess e = EngineProcess.start(policy.engine(), this::onEngineEvent);
                engine = e;
                listener.engineStarted(e.pid());
                if (finished) {
                    e.close();
                    return;
                }
                for (var entry : byTorrent.entrySet()) {
                    TorrentSlot any = entry.getValue().values().iterator().next().item.torrent();
                    Path saveDir = policy.saveDir(entry.getKey());
                    Files.createDirectories(saveDir);
                    e.add(entry.getKey(), any.torrentFile(), saveDir, List.copyOf(entry.getValue().keySet()),
                            policy.peers());
                }
                synchronized (lock) {
                    // swarm_wait counts from the start of the fetch, not from when the engine is up: the user
                    // waits for the engine's start too (measured: 0.4-0.7 s).
                    swarmStart = started;
                    lastSwarmProgress = System.nanoTime();
                }
            } catch (IOException | RuntimeException ex) {
                listener.notice("torrent engine unavailable (" + ex.getMessage() + "); fetching from the mirror");
                engineDead = true;
            }
        }

        /**
         * While the engine starts, asks the torrent's trackers whether anybody is in the swarm. Nobody: one HTTP
         * connection starts at once, a file at a time (picked at random: clients that start together pick
         * different ones), and the rest waits for the engine's own announce, which may find others who started
         * together.
         */
        private void scrape(String hash) {
            TorrentSlot any = byTorrent.get(hash).values().iterator().next().item.torrent();
            var counts = TrackerScrape.scrape(any.torrentFile(), hash, SCRAPE_TIMEOUT);
            synchronized (lock) {
                SwarmView v = views.get(hash);
                counts.ifPresent(c -> {
                    v.scrapedEmpty = c.empty();
                    listener.debug("torrent " + hash + ": scrape: " + c.seeds() + " seeds, " + c.leechers()
                            + " leechers");
                });
                lock.notifyAll();
            }
        }

        /**
         * Until the engine has announced, but for at most {@link #PROBE_WINDOW_NANOS} after the start, an empty
         * swarm's files go to HTTP one at a time (one connection: clients that start together each take a file of
         * their own, at random; a file two of them took is fetched twice); call with the lock held.
         */
        private void probe() {
            if (System.nanoTime() - started > PROBE_WINDOW_NANOS) {
                return;
            }
            for (var entry : byTorrent.entrySet()) {
                SwarmView v = views.get(entry.getKey());
                if (v.mode != SwarmView.Mode.WAITING || !v.scrapedEmpty || entry.getValue().values().stream()
                        .anyMatch(s -> s.state == State.QUEUED || s.state == State.HTTP)) {
                    continue;
                }
                List<Slot> movable = new ArrayList<>(entry.getValue().values().stream()
                        .filter(s -> s.state == State.SWARM && !s.item.mirrors().isEmpty()).toList());
                if (!movable.isEmpty()) {
                    Slot s = movable.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(movable.size()));
                    listener.debug("torrent " + entry.getKey() + ": the tracker knows nobody yet; "
                            + s.item.label() + " from the mirror while the engine starts");
                    release(s, "nobody in the swarm yet");
                }
            }
        }

        private void onEngineEvent(EngineEvent event) {
            if (event instanceof EngineEvent.FileCompleted f) {
                Slot s = byTorrent.getOrDefault(f.id(), Map.of()).get(f.index());
                if (s != null) {
                    s.swarmComplete = true;
                }
                if (s != null && !verifier.isShutdown()) {
                    verifier.execute(() -> admitFromSwarm(s));
                }
            } else if (event instanceof EngineEvent.TrackerReply t) {
                synchronized (lock) {
                    SwarmView v = views.get(t.id());
                    if (v != null) {
                        v.onTracker(t);
                        listener.debug("torrent " + t.id() + ": tracker answered: " + t.peers() + " peers, "
                                + t.seeds() + " seeds, " + t.leechers() + " leechers");
                        lock.notifyAll();
                    }
                }
            } else if (event instanceof EngineEvent.Progress p) {
                synchronized (lock) {
                    SwarmView v = views.get(p.id());
                    if (v != null) {
                        if (p.peers() > 0 && v.connected == 0) {
                            v.connectedSince = System.nanoTime();
                        }
                        v.onPeers(p.peers());
                    }
                }
                torrentBytes.put(p.id(), new long[] {p.peerBytes(), p.webSeedBytes(), p.peers()});
                int connected = torrentBytes.values().stream().mapToInt(b -> (int) b[2]).sum();
                if (connected > maxPeers) {
                    maxPeers = connected;
                }
            } else if (event instanceof EngineEvent.Removed r) {
                removed.add(r.id());
            } else if (event instanceof EngineEvent.Died d) {
                engineDead = true;
                listener.notice("torrent engine stopped (exit " + d.exitCode() + "); fetching the rest from "
                        + "the mirror");
            } else if (event instanceof EngineEvent.Error err) {
                listener.notice("torrent" + (err.id() == null ? "" : " " + err.id()) + ": " + err.message());
                if (err.id() != null && err.message().startsWith("cannot add")) {
                    releaseAll(err.id());
                }
            }
        }

        private void admitFromSwarm(Slot s) {
            synchronized (lock) {
                if (s.state == State.DONE || s.state == State.FAILED) {
                    return;
                }
            }
            TorrentSlot t = s.item.torrent();
            Path data = policy.saveDir(t.infoHash()).resolve(t.name()).resolve(t.path());
            try {
                Path file = sink.admit(s.item, data, true);
                finish(s, FetchSource.PEERS, file, s.item.size());
            } catch (IOException e) {
                if (e instanceof FetchSink.Rejected) {
                    synchronized (lock) {
                        s.rejected = true;
                    }
                }
                listener.notice(s.item.label() + ": the swarm's copy was rejected (" + e.getMessage()
                        + "); fetching it from the mirror");
                synchronized (lock) {
                    if (s.state == State.SWARM) {
                        if (s.mirrorFailed || s.item.mirrors().isEmpty()) {
                            fail(s, "the swarm's copy did not match the signed index and no mirror has it");
                        } else {
                            s.state = State.QUEUED;
                            queue.addFirst(s);
                        }
                    }
                }
            }
        }

        private void releaseAll(String infoHash) {
            synchronized (lock) {
                for (Slot s : byTorrent.getOrDefault(infoHash, Map.of()).values()) {
                    release(s, "the torrent is unavailable");
                }
            }
        }

        /**
         * Hands a swarm file to HTTP (or fails it when no mirror can serve it), and out of the engine's selection,
         * so that the swarm and the mirror do not both deliver it. Call with the lock held.
         */
        private void release(Slot s, String why) {
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
         * Every file of a torrent is in the cache now (a copy, or a link to the same data): the engine deletes its
         * own download of it, so the data is not kept twice. A torrent with a file still missing keeps its
         * download for the next attempt. Waits up to 5 s for the engine to confirm.
         */
        private void dropDownloads(EngineProcess e) {
            if (engineDead || !e.isAlive()) {
                return;
            }
            List<String> done = new ArrayList<>();
            synchronized (lock) {
                byTorrent.forEach((hash, slots) -> {
                    if (slots.values().stream().allMatch(slot -> slot.state == State.DONE)) {
                        done.add(hash);
                    }
                });
            }
            for (String hash : done) {
                e.removeAndDeleteFiles(hash);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!removed.containsAll(done) && System.nanoTime() < deadline && e.isAlive()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        // ---- HTTP --------------------------------------------------------------------------------------------

        private void httpWorker() {
            try {
                while (!finished) {
                    Slot s = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                    if (s == null) {
                        continue;
                    }
                    synchronized (lock) {
                        if (s.state != State.QUEUED) {
                            continue;
                        }
                        s.state = State.HTTP;
                    }
                    busy.incrementAndGet();
                    try {
                        fetchOverHttp(s);
                    } finally {
                        busy.decrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void fetchOverHttp(Slot s) {
            List<String> errors = new ArrayList<>();
            List<URI> attempts = new ArrayList<>(s.item.mirrors());
            for (int i = 0; i < attempts.size(); i++) {
                URI uri = attempts.get(i);
                boolean resumed = false;
                try {
                    Path target = sink.partialDir().resolve(s.item.checksum().hex() + ".download");
                    // Resumable: a package is verified against the signed index anyway, so a partial body left by a
                    // failure (or a killed peerget) is continued with a range request.
                    var result = http.fetch(new DownloadRequest(uri, target, s.item.size(), Validators.NONE, true));
                    if (!(result instanceof dev.peerget.fetch.http.DownloadResult.Fetched fetched)) {
                        throw new IOException("the server answered 304 to an unconditional request");
                    }
                    mirrorBytes.addAndGet(fetched.bytes());
                    resumed = fetched.bytes() < s.item.size();
                    synchronized (lock) {
                        if (s.state == State.DONE) {
                            // The swarm finished it meanwhile.
                            java.nio.file.Files.deleteIfExists(fetched.file());
                            return;
                        }
                    }
                    Path file = sink.admit(s.item, fetched.file(), false);
                    finish(s, FetchSource.MIRROR, file, fetched.bytes());
                    offerIfWanted(s, file);
                    return;
                } catch (FetchException | IOException e) {
                    if (e instanceof FetchSink.Rejected && resumed) {
                        // The kept partial body was not a prefix of this file (another mirror's, or damaged):
                        // the mirror is not to blame yet; once more from the start.
                        attempts.add(i + 1, uri);
                        continue;
                    }
                    errors.add(e.getMessage());
                    if (e instanceof FetchSink.Rejected) {
                        synchronized (lock) {
                            s.rejected = true;
                        }
                    }
                    if (s.item.mirrors().size() > 1) {
                        listener.notice(s.item.label() + ": " + e.getMessage());
                    }
                }
            }
            synchronized (lock) {
                if (s.state != State.HTTP) {
                    return;
                }
                if (s.item.torrent() != null && policy.useTorrents() && !engineDead) {
                    // The swarm may still have it: leave it there, never to be taken away again.
                    s.mirrorFailed = true;
                    s.state = State.SWARM;
                } else {
                    fail(s, String.join("; ", errors));
                }
            }
        }

        /**
         * A torrent file fetched over HTTP is offered to the engine when somebody is in the swarm, so that the
         * peers can have it from us now rather than from the mirror (alone, it would only cost a copy).
         */
        private void offerIfWanted(Slot s, Path file) {
            TorrentSlot t = s.item.torrent();
            if (t == null || !policy.useTorrents()) {
                return;
            }
            synchronized (lock) {
                SwarmView v = views.get(t.infoHash());
                if (v == null) {
                    return;
                }
                if (v.somebodyThere()) {
                    engineActions.add(e -> e.offer(t.infoHash(), t.fileIndex(), file));
                } else {
                    v.notOffered.put(t.fileIndex(), file);
                }
            }
        }

        /**
         * Per torrent, from what the engine reported: nobody there → its files to HTTP at once; somebody there →
         * the engine fetches the pieces nobody has from the mirror. Call with the lock held.
         */
        private void decide(long now) {
            boolean otherSources = !policy.engine().localOnly() || !policy.peers().isEmpty();
            boolean waited = swarmStart != Long.MAX_VALUE && now - swarmStart >= policy.swarmWait().toNanos();
            for (var entry : byTorrent.entrySet()) {
                String hash = entry.getKey();
                SwarmView v = views.get(hash);
                if (v.somebodyThere() && !v.notOffered.isEmpty()) {
                    Map<Integer, Path> files = new LinkedHashMap<>(v.notOffered);
                    v.notOffered.clear();
                    engineActions.add(e -> files.forEach((index, file) -> e.offer(hash, index, file)));
                }
                List<Slot> inSwarm = entry.getValue().values().stream().filter(s -> s.state == State.SWARM).toList();
                switch (v.mode) {
                    case WAITING -> {
                        if (v.nobodyThere(otherSources)) {
                            v.mode = SwarmView.Mode.ALONE;
                            listener.debug("torrent " + hash + ": nobody in the swarm, " + inSwarm.size()
                                    + " files to the mirror");
                            for (Slot s : inSwarm) {
                                release(s, "nobody in the swarm");
                            }
                        } else if (waited || (v.connected > 0 && now - v.connectedSince >= PEER_GRACE_NANOS)) {
                            v.mode = SwarmView.Mode.SWARM;
                            v.rangesSince = now;
                            listener.debug("torrent " + hash + ": " + v.connected + " peers; the pieces nobody has "
                                    + "from the mirror");
                            askRanges(hash, inSwarm);
                        }
                    }
                    case ALONE -> {
                        if (v.connected > 0) {
                            // Somebody came after all: what HTTP has not started goes back to the swarm.
                            v.mode = SwarmView.Mode.SWARM;
                            v.rangesSince = now;
                            List<Slot> back = entry.getValue().values().stream()
                                    .filter(s -> s.state == State.QUEUED).toList();
                            listener.debug("torrent " + hash + ": a peer connected; " + back.size()
                                    + " files back to the swarm");
                            for (Slot s : back) {
                                queue.remove(s);
                                s.state = State.SWARM;
                            }
                            List<Integer> indexes = back.stream().map(s -> s.item.torrent().fileIndex()).toList();
                            if (!indexes.isEmpty()) {
                                TorrentSlot any = back.get(0).item.torrent();
                                Path saveDir = policy.saveDir(hash);
                                engineActions.add(e -> e.add(hash, any.torrentFile(), saveDir, indexes, List.of()));
                            }
                            List<Slot> all = new ArrayList<>(inSwarm);
                            all.addAll(back);
                            askRanges(hash, all);
                        }
                    }
                    case SWARM -> {
                        if (v.nobodyThere(otherSources)) {
                            // swarm_wait passed before the tracker answered (or failed); now it has: nobody.
                            v.mode = SwarmView.Mode.ALONE;
                            listener.debug("torrent " + hash + ": nobody in the swarm after all, " + inSwarm.size()
                                    + " files to the mirror");
                            for (Slot s : inSwarm) {
                                release(s, "nobody in the swarm");
                            }
                        }
                    }
                }
            }
        }

        /** The engine may fetch the pieces of these files that nobody has from their first mirror. */
        private void askRanges(String hash, List<Slot> swarmSlots) {
            for (Slot s : swarmSlots) {
                if (!s.mirrorFailed && !s.item.mirrors().isEmpty()) {
                    int index = s.item.torrent().fileIndex();
                    URI url = s.item.mirrors().get(0);
                    engineActions.add(e -> e.fetchMissingPiecesFrom(hash, index, url));
                }
            }
        }

        /** Sends the engine what was decided under the lock. */
        private void sendEngineActions() {
            EngineProcess e = engine;
            if (e == null && !engineDead) {
                return;
            }
            java.util.function.Consumer<EngineProcess> action;
            while ((action = engineActions.poll()) != null) {
                if (e == null || engineDead) {
                    continue;
                }
                try {
                    action.accept(e);
                } catch (FetchException ex) {
                    // The engine is gone: its Died event moves everything to HTTP.
                }
            }
        }

        // ---- bookkeeping ----------------------------------------------------------------------------------

        private void finish(Slot s, FetchSource source, Path file, long bytes) {
            synchronized (lock) {
                if (s.state == State.DONE) {
                    return;
                }
                s.state = State.DONE;
                s.source = source;
                s.file = file;
                // Under the lock: the fetch must not return before the caller has heard of every file.
                listener.done(s.item, source, bytes);
                lock.notifyAll();
            }
        }

        /** Call with the lock held. */
        private void fail(Slot s, String why) {
            s.state = State.FAILED;
            s.failure = why;
            lock.notifyAll();
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
                        for (Slot s : slots) {
                            if (s.state != State.DONE && s.state != State.FAILED) {
                                fail(s, "interrupted");
                            }
                        }
                        return;
                    }
                    balance();
                }
                sendEngineActions();
                listener.progress(totals());
            }
        }

        /** The fallback rule; call with the lock held. */
        private void balance() {
            long now = System.nanoTime();
            long swarmBytes = swarmBytes();
            if (swarmBytes > lastSwarmBytes) {
                lastSwarmBytes = swarmBytes;
                lastSwarmProgress = now;
            }
            swarmReceived.add(now, swarmBytes);
            long peerBytes = torrentBytes.values().stream().mapToLong(b -> b[0]).sum();
            if (peerBytes > lastPeerBytes) {
                lastPeerBytes = peerBytes;
                lastPeerProgress = now;
            }
            if (!engineDead) {
                probe();
                if (engine != null) {
                    // Also when no file is left with the swarm: a torrent gone to the mirror (ALONE) comes back
                    // when a peer connects, and its files fetched meanwhile are offered to the engine.
                    decide(now);
                }
            }
            List<Slot> inSwarm = slots.stream().filter(s -> s.state == State.SWARM).toList();
            if (inSwarm.isEmpty()) {
                return;
            }
            if (engineDead) {
                for (Slot s : inSwarm) {
                    release(s, "the torrent engine is not running");
                }
                return;
            }
            if (swarmStart == Long.MAX_VALUE || now - swarmStart < policy.swarmWait().toNanos()) {
                return;
            }
            if (now - lastSwarmProgress > policy.swarmStall().toNanos()) {
                for (Slot s : inSwarm) {
                    release(s, "no progress from the swarm for " + policy.swarmStall().toSeconds() + " s");
                }
                return;
            }
            long rate = swarmReceived.bytesPerSecond();
            if (rate >= policy.minSwarmRate()) {
                return;
            }
            int idle = policy.httpConnections() - busy.get() - queue.size();
            // Whole files only from a torrent whose peers are gone or sent nothing for PEERS_IDLE_NANOS, and whose
            // piece ranges had their chance (the
            // ranges are the swarm's own way to the mirror: with peers there, whole files would be fetched twice,
            // once by the peers), and picked at random: clients that start together would otherwise all take the
            // same files from the mirror. A swarm that stops delivering altogether is the stall rule's.
            long left = inSwarm.stream().mapToLong(s -> s.item.size()).sum();
            long all = slots.stream().mapToLong(s -> s.item.size()).sum();
            boolean endGame = left <= END_GAME_BYTES && left * 20 <= all;
            long patience = endGame ? 0 : policy.swarmWait().toNanos() + RATE_WINDOW.toNanos();
            long idleFor = endGame ? END_GAME_IDLE_NANOS : PEERS_IDLE_NANOS;
            List<Slot> movable = new ArrayList<>(inSwarm.stream()
                    .filter(s -> !s.mirrorFailed && !s.item.mirrors().isEmpty())
                    .filter(s -> {
                        SwarmView v = views.get(s.item.torrent().infoHash());
                        boolean peersIdle = v.connected == 0 || now - lastPeerProgress > idleFor;
                        return v.mode == SwarmView.Mode.SWARM && peersIdle && now - v.rangesSince >= patience;
                    }).toList());
            java.util.Collections.shuffle(movable);
            for (int i = 0; i < idle && i < movable.size(); i++) {
                release(movable.get(i), endGame ? "the peers went quiet before the last files" : "the swarm is slow");
            }
        }

        private long swarmBytes() {
            long sum = 0;
            for (long[] b : torrentBytes.values()) {
                sum += b[0] + b[1];
            }
            return sum;
        }

        private FetchTotals totals() {
            int done = 0;
            long bytes = 0;
            long bytesDone = 0;
            synchronized (lock) {
                for (Slot s : slots) {
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
            received.add(System.nanoTime(), peer + web + mirrorBytes.get());
            return new FetchTotals(slots.size(), done, bytes, bytesDone, peer, web, mirrorBytes.get(), peers,
                    received.bytesPerSecond());
        }

        private FetchReport report() {
            List<FetchReport.Fetched> fetched = new ArrayList<>();
            List<FetchReport.Failed> failed = new ArrayList<>();
            synchronized (lock) {
                for (Slot s : slots) {
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
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
