package dev.peerget.fetch.swarm;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.swarm.FetchSlot.State;
import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The torrent engine's side of one fetch: starts the engine and adds the torrents, scrapes the trackers while it
 * starts, turns the engine's events into the fetch's state, admits the files the engine completed, sends the
 * commands decided under the fetch's lock, and at the end has the engine delete what the cache now holds.
 *
 * <p>Thread-safety: engine events arrive on the engine's reader thread; what they change in the fetch is changed
 * under {@link FetchRun#lock}, as everywhere else.
 */
final class SwarmDriver {
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);

    private final FetchRun run;
    private final java.util.Set<String> removed = ConcurrentHashMap.newKeySet();
    /** An announce made while the engine started: taken back if the engine does not take it over. */
    private record EarlyAnnounce(Path torrentFile, byte[] peerId, int port) {}

    private final Map<String, EarlyAnnounce> early = new ConcurrentHashMap<>();
    /** The port early announces name ({@link #checkAnnouncePort}); 0: scrape instead. */
    private volatile int announcePort;
    /** The engine once its torrents are added: commands go to it from then on. */
    private volatile EngineProcess engine;
    /** The engine process as soon as it runs, torrents added or not: what {@link #close} stops. */
    private volatile EngineProcess started;
    private volatile boolean engineDead;

    SwarmDriver(FetchRun run) {
        this.run = run;
    }

    /** The engine has started and has the torrents (it may have died since). */
    boolean engineUp() {
        return engine != null;
    }

    /** The engine could not start, or died: everything left goes to HTTP. */
    boolean engineDead() {
        return engineDead;
    }

    void startSwarm() {
        try {
            EngineProcess e = run.warmup == null ? null
                    : run.warmup.take(run.policy.engine(), this::onEngineEvent).orElse(null);
            if (e == null) {
                e = EngineProcess.start(run.policy.engine(), this::onEngineEvent);
            } else {
                run.listener.debug("torrent engine (pid " + e.pid() + ") started while the plan was made");
            }
            started = e;
            run.listener.engineStarted(e.pid());
            if (run.finished) {
                e.close();
                return;
            }
            withdrawEarlyAnnounces(e.listenPort());
            for (var entry : run.byTorrent.entrySet()) {
                TorrentSlot any = entry.getValue().values().iterator().next().item.torrent();
                Path saveDir = run.policy.saveDir(entry.getKey());
                Files.createDirectories(saveDir);
                // The files still with the swarm: what the probe gave HTTP while the engine started is not
                // selected (a local seed delivers a file in milliseconds). With none left, all (an empty list
                // would select the whole torrent); the deselects sent right after take them out again.
                List<Integer> wanted;
                synchronized (run.lock) {
                    wanted = entry.getValue().entrySet().stream().filter(f -> f.getValue().state == State.SWARM)
                            .map(Map.Entry::getKey).toList();
                }
                e.add(entry.getKey(), any.torrentFile(), saveDir,
                        wanted.isEmpty() ? List.copyOf(entry.getValue().keySet()) : wanted, run.policy.peers());
            }
            // Only now: the commands decided meanwhile (files given to HTTP, deselected) must follow the ADDs. Sent
            // before them, they met "no such torrent" and were lost, and the engine fetched from peers the files
            // HTTP had fetched already (an install fetched 205 MB for 106: docs/install-benchmarks.md). Sent here
            // at once, not at the coordinator's next tick; only this thread sends until the engine is published.
            send(e);
            engine = e;
            synchronized (run.lock) {
                // swarm_wait counts from the start of the fetch, not from when the engine is up: the user
                // waits for the engine's start too (measured: 0.4-0.7 s).
                run.fallback.swarmStarted(run.started);
            }
        } catch (IOException | RuntimeException ex) {
            engineDead = true;
            EngineProcess e = started;
            if (e != null) {
                e.close();
            }
            withdrawEarlyAnnounces(-1);
            if (!run.finished) {
                run.listener.notice("torrent engine unavailable (" + ex.getMessage() + "); fetching from the mirror");
            }
        }
    }

    /**
     * Takes back the early announces ({@link #scrape}) that named another port than the engine's ({@code -1}: the
     * engine did not start), so that the trackers list no peer nobody listens at.
     */
    private void withdrawEarlyAnnounces(int enginePort) {
        early.forEach((hash, a) -> {
            if (a.port() != enginePort) {
                early.remove(hash);
                FetchRun.daemon(() -> TrackerScrape.announce(a.torrentFile(), hash, a.peerId(), a.port(), 0, "stopped",
                        SCRAPE_TIMEOUT), "peerget-announce-stop").start();
            }
        });
    }

    /**
     * While the engine starts, asks the torrent's trackers whether anybody is in the swarm: an announce of the
     * engine's port when it is fixed, else a scrape ({@link TrackerScrape}). Nobody: one HTTP connection starts
     * at once, a file at a time (picked at random: clients that start together pick different ones), and the rest
     * waits for the engine's own announce, which may find others who started together.
     */
    void scrape(String hash) {
        java.util.Collection<FetchSlot> slots = run.byTorrent.get(hash).values();
        TorrentSlot any = slots.iterator().next().item.torrent();
        Optional<TrackerScrape.Counts> counts;
        if (announcePort > 0) {
            EarlyAnnounce a = new EarlyAnnounce(any.torrentFile(), TrackerScrape.newPeerId(), announcePort);
            early.put(hash, a);
            counts = TrackerScrape.announce(any.torrentFile(), hash, a.peerId(), a.port(),
                    slots.stream().mapToLong(s -> s.item.size()).sum(), "started", SCRAPE_TIMEOUT);
            if (engineDead) {
                withdrawEarlyAnnounces(-1);
            }
        } else {
            // Port 0, or the port is someone else's (another root's engine): an announce would name a peer that
            // is not this client, and on a tracker that tells peers apart by address and port, replace it.
            counts = TrackerScrape.scrape(any.torrentFile(), hash, SCRAPE_TIMEOUT);
        }
        synchronized (run.lock) {
            SwarmView v = run.views.get(hash);
            counts.ifPresent(c -> {
                v.scrapedEmpty = c.empty();
                run.listener.debug("torrent " + hash + ": " + (c.announced() ? "announce" : "scrape") + ": "
                        + c.seeds() + " seeds, " + c.leechers() + " leechers");
            });
            run.lock.notifyAll();
        }
    }

    private void onEngineEvent(EngineEvent event) {
        if (event instanceof EngineEvent.FileCompleted f) {
            FetchSlot s = run.byTorrent.getOrDefault(f.id(), Map.of()).get(f.index());
            if (s != null) {
                s.swarmComplete = true;
            }
            if (s != null && !run.verifier.isShutdown()) {
                run.verifier.execute(() -> admitFromSwarm(s));
            }
        } else if (event instanceof EngineEvent.TrackerReply t) {
            synchronized (run.lock) {
                SwarmView v = run.views.get(t.id());
                if (v != null) {
                    v.onTracker(t);
                    run.listener.debug("torrent " + t.id() + ": tracker answered: " + t.peers() + " peers, "
                            + t.seeds() + " seeds, " + t.leechers() + " leechers");
                    run.lock.notifyAll();
                }
            }
        } else if (event instanceof EngineEvent.Progress p) {
            synchronized (run.lock) {
                SwarmView v = run.views.get(p.id());
                if (v != null) {
                    if (p.peers() > 0 && v.connected == 0) {
                        v.connectedSince = System.nanoTime();
                    }
                    v.onPeers(p.peers());
                }
            }
            run.torrentBytes.put(p.id(), new long[] {p.peerBytes(), p.webSeedBytes(), p.peers()});
            int connected = run.torrentBytes.values().stream().mapToInt(b -> (int) b[2]).sum();
            if (connected > run.maxPeers) {
                run.maxPeers = connected;
            }
        } else if (event instanceof EngineEvent.Removed r) {
            removed.add(r.id());
        } else if (event instanceof EngineEvent.Died d) {
            engineDead = true;
            run.listener.notice("torrent engine stopped (exit " + d.exitCode() + "); fetching the rest from "
                    + "the mirror");
        } else if (event instanceof EngineEvent.Error err) {
            run.listener.notice("torrent" + (err.id() == null ? "" : " " + err.id()) + ": " + err.message());
            if (err.id() != null && err.message().startsWith("cannot add")) {
                releaseAll(err.id());
            }
        }
    }

    private void admitFromSwarm(FetchSlot s) {
        synchronized (run.lock) {
            if (s.state == State.DONE || s.state == State.FAILED) {
                return;
            }
        }
        TorrentSlot t = s.item.torrent();
        Path data = run.policy.saveDir(t.infoHash()).resolve(t.name()).resolve(t.path());
        try {
            Path file = run.sink.admit(s.item, data, true);
            run.finish(s, FetchSource.PEERS, file, s.item.size());
        } catch (IOException e) {
            if (e instanceof FetchSink.Rejected) {
                synchronized (run.lock) {
                    s.rejected = true;
                }
            }
            run.listener.notice(s.item.label() + ": the swarm's copy was rejected (" + e.getMessage()
                    + "); fetching it from the mirror");
            synchronized (run.lock) {
                if (s.state == State.SWARM) {
                    if (s.mirrorFailed || s.item.mirrors().isEmpty()) {
                        run.fail(s, "the swarm's copy did not match the signed index and no mirror has it");
                    } else {
                        s.state = State.QUEUED;
                        run.queue.addFirst(s);
                    }
                }
            }
        }
    }

    private void releaseAll(String infoHash) {
        synchronized (run.lock) {
            for (FetchSlot s : run.byTorrent.getOrDefault(infoHash, Map.of()).values()) {
                run.release(s, "the torrent is unavailable");
            }
        }
    }

    /** Sends the engine what was decided under the lock. */
    void sendEngineActions() {
        EngineProcess e = engine;
        if (e == null && !engineDead) {
            return;
        }
        send(e);
    }

    /** Sends the queued commands to {@code e}, or drops them when there is no engine (any more). */
    private void send(EngineProcess e) {
        java.util.function.Consumer<EngineProcess> action;
        while ((action = run.engineActions.poll()) != null) {
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

    /**
     * Before the engine starts: the port the early announces may name, when the engine's is fixed and nothing
     * listens on it yet (checked now: once the engine starts, the check could take the port from under it).
     */
    void checkAnnouncePort() {
        var port = run.policy.engine().fixedListenPort();
        if (port.isPresent()) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress(port.getAsInt()));
                announcePort = port.getAsInt();
            } catch (IOException e) {
                announcePort = 0;
            }
        }
    }

    /** At the end of the fetch: drops the downloads the cache now holds and stops the engine, if it started. */
    void close() {
        EngineProcess e = started;
        if (e != null) {
            if (engine != null) {
                dropDownloads(e);
            }
            e.close();
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
        synchronized (run.lock) {
            run.byTorrent.forEach((hash, slots) -> {
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
}
