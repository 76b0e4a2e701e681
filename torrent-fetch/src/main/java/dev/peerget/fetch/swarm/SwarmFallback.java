package dev.peerget.fetch.swarm;

import dev.peerget.fetch.swarm.FetchSlot.State;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The swarm/mirror fallback rule of one fetch, evaluated on every tick of the coordinator: the probe window while
 * the engine starts ({@link #probe}), the per-torrent decision between the swarm with piece ranges and the mirror
 * alone ({@link #decide}), and the whole-file rule for a slow or stuck swarm with its end game ({@link #balance}).
 *
 * <p>Not thread-safe on its own: every method is called with {@link FetchRun#lock} held, which guards the progress
 * kept here too.
 */
final class SwarmFallback {
    /**
     * How long after the start of a fetch an empty swarm's files go to HTTP one by one before the engine has
     * announced: about what the engine needs to start and announce on an idle machine (0.4-0.8 s measured).
     * Not longer: 8 clients started together on 2 busy cores waited 9 s for their engines, and each fetched 3-10
     * whole files alone, many the same (docs/fetch-benchmarks.md).
     */
    private static final long PROBE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1200);
    static final Duration RATE_WINDOW = Duration.ofSeconds(2);
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
    /**
     * After a working tracker answered that nobody is there, for this long the torrent's files go to HTTP one at a
     * time, as in the probe, and then all at once. Clients that start together announce within a second or so of
     * each other, and the first one's tracker knows nobody yet: with all four connections at once, that client
     * fetched 7-9 whole files (40-47 MB, a fifth of the selection) in the 0.3 s before the next peer connected
     * (docs/fetch-benchmarks.md). One connection still takes a burst of a rate-limited mirror at full speed.
     */
    private static final long ALONE_RAMP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a peer must have been connected before the pieces it lacks are fetched from the mirror. */
    private static final long PEER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FetchRun run;
    private final RateWindow swarmReceived = new RateWindow(RATE_WINDOW);
    private volatile long swarmStart = Long.MAX_VALUE;
    private long lastSwarmProgress = System.nanoTime();
    private long lastSwarmBytes;
    private long lastPeerBytes;
    private long lastPeerProgress = System.nanoTime();

    SwarmFallback(FetchRun run) {
        this.run = run;
    }

    /** The engine is up and has the torrents; {@code started} is when the fetch started. Call with the lock held. */
    void swarmStarted(long started) {
        swarmStart = started;
        lastSwarmProgress = System.nanoTime();
    }

    /** The fallback rule; call with the lock held. */
    void balance() {
        long now = System.nanoTime();
        long swarmBytes = swarmBytes();
        if (swarmBytes > lastSwarmBytes) {
            lastSwarmBytes = swarmBytes;
            lastSwarmProgress = now;
        }
        swarmReceived.add(now, swarmBytes);
        long peerBytes = run.torrentBytes.values().stream().mapToLong(b -> b[0]).sum();
        if (peerBytes > lastPeerBytes) {
            lastPeerBytes = peerBytes;
            lastPeerProgress = now;
        }
        if (!run.swarm.engineDead()) {
            probe();
            if (run.swarm.engineUp()) {
                // Also when no file is left with the swarm: a torrent gone to the mirror (ALONE) comes back
                // when a peer connects, and its files fetched meanwhile are offered to the engine.
                decide(now);
            }
        }
        List<FetchSlot> inSwarm = run.slots.stream().filter(s -> s.state == State.SWARM).toList();
        if (inSwarm.isEmpty()) {
            return;
        }
        if (run.swarm.engineDead()) {
            for (FetchSlot s : inSwarm) {
                run.release(s, "the torrent engine is not running");
            }
            return;
        }
        if (swarmStart == Long.MAX_VALUE || now - swarmStart < run.policy.swarmWait().toNanos()) {
            return;
        }
        if (now - lastSwarmProgress > run.policy.swarmStall().toNanos()) {
            for (FetchSlot s : inSwarm) {
                run.release(s, "no progress from the swarm for " + run.policy.swarmStall().toSeconds() + " s");
            }
            return;
        }
        long rate = swarmReceived.bytesPerSecond();
        if (rate >= run.policy.minSwarmRate()) {
            return;
        }
        int idle = run.policy.httpConnections() - run.httpSide.busy() - run.queue.size();
        // Whole files only from a torrent whose peers are gone or sent nothing for PEERS_IDLE_NANOS, and whose
        // piece ranges had their chance (the
        // ranges are the swarm's own way to the mirror: with peers there, whole files would be fetched twice,
        // once by the peers), and picked at random: clients that start together would otherwise all take the
        // same files from the mirror. A swarm that stops delivering altogether is the stall rule's.
        long left = inSwarm.stream().mapToLong(s -> s.item.size()).sum();
        long all = run.slots.stream().mapToLong(s -> s.item.size()).sum();
        boolean endGame = left <= END_GAME_BYTES && left * 20 <= all;
        long patience = endGame ? 0 : run.policy.swarmWait().toNanos() + RATE_WINDOW.toNanos();
        long idleFor = endGame ? END_GAME_IDLE_NANOS : PEERS_IDLE_NANOS;
        List<FetchSlot> movable = new ArrayList<>(inSwarm.stream()
                .filter(s -> !s.mirrorFailed && !s.item.mirrors().isEmpty())
                .filter(s -> {
                    SwarmView v = run.views.get(s.item.torrent().infoHash());
                    boolean peersIdle = v.connected == 0 || now - lastPeerProgress > idleFor;
                    return v.mode == SwarmView.Mode.SWARM && peersIdle && now - v.rangesSince >= patience;
                }).toList());
        java.util.Collections.shuffle(movable);
        for (int i = 0; i < idle && i < movable.size(); i++) {
            run.release(movable.get(i), endGame ? "the peers went quiet before the last files" : "the swarm is slow");
        }
    }

    private long swarmBytes() {
        long sum = 0;
        for (long[] b : run.torrentBytes.values()) {
            sum += b[0] + b[1];
        }
        return sum;
    }

    /**
     * Until the engine has announced, but for at most {@link #PROBE_WINDOW_NANOS} after the start, an empty
     * swarm's files go to HTTP one at a time (one connection: clients that start together each take a file of
     * their own, at random; a file two of them took is fetched twice); call with the lock held.
     */
    private void probe() {
        if (System.nanoTime() - run.started > PROBE_WINDOW_NANOS) {
            return;
        }
        for (var entry : run.byTorrent.entrySet()) {
            SwarmView v = run.views.get(entry.getKey());
            if (v.mode != SwarmView.Mode.WAITING || !v.scrapedEmpty || v.somebodyThere()) {
                // Also once the engine's own announce found others, who may have started after the first answer.
                continue;
            }
            List<FetchSlot> inSwarm = entry.getValue().values().stream().filter(s -> s.state == State.SWARM)
                    .toList();
            FetchSlot s = oneAtATime(entry.getValue().values(), inSwarm, "nobody in the swarm yet");
            if (s != null) {
                run.listener.debug("torrent " + entry.getKey() + ": the tracker knows nobody yet; "
                        + s.item.label() + " from the mirror while the engine starts");
            }
        }
    }

    /**
     * Per torrent, from what the engine reported: nobody there → its files to HTTP at once; somebody there →
     * the engine fetches the pieces nobody has from the mirror. Call with the lock held.
     */
    private void decide(long now) {
        boolean otherSources = !run.policy.engine().localOnly() || !run.policy.peers().isEmpty();
        boolean waited = swarmStart != Long.MAX_VALUE && now - swarmStart >= run.policy.swarmWait().toNanos();
        for (var entry : run.byTorrent.entrySet()) {
            String hash = entry.getKey();
            SwarmView v = run.views.get(hash);
            if (v.somebodyThere() && !v.notOffered.isEmpty()) {
                Map<Integer, Path> files = new LinkedHashMap<>(v.notOffered);
                v.notOffered.clear();
                run.engineActions.add(e -> files.forEach((index, file) -> e.offer(hash, index, file)));
            }
            List<FetchSlot> inSwarm = entry.getValue().values().stream().filter(s -> s.state == State.SWARM).toList();
            switch (v.mode) {
                case WAITING -> {
                    if (v.nobodyThere(otherSources)) {
                        alone(hash, v, inSwarm, now, "nobody in the swarm");
                    } else if ((waited && v.engineReported)
                            || (v.connected > 0 && now - v.connectedSince >= PEER_GRACE_NANOS)) {
                        // Not before the engine has reported on the torrent: a torrent without trackers is
                        // known to be alone only from the engine's first report, and swarm_wait may be over by
                        // the time the engine is up (it counts from the start of the fetch).
                        v.mode = SwarmView.Mode.SWARM;
                        v.rangesSince = now;
                        run.listener.debug("torrent " + hash + ": " + v.connected + " peers; the pieces nobody has "
                                + "from the mirror");
                        askRanges(hash, inSwarm);
                    }
                }
                case ALONE -> {
                    if (v.connected > 0) {
                        // Somebody came after all: what HTTP has not started goes back to the swarm.
                        v.mode = SwarmView.Mode.SWARM;
                        v.rangesSince = now;
                        List<FetchSlot> back = entry.getValue().values().stream()
                                .filter(s -> s.state == State.QUEUED).toList();
                        run.listener.debug("torrent " + hash + ": a peer connected; " + back.size()
                                + " files back to the swarm");
                        for (FetchSlot s : back) {
                            run.queue.remove(s);
                            s.state = State.SWARM;
                        }
                        run.reselect(hash, back);
                        List<FetchSlot> all = new ArrayList<>(inSwarm);
                        all.addAll(back);
                        askRanges(hash, all);
                    } else if (now - v.aloneSince >= ALONE_RAMP_NANOS) {
                        if (!inSwarm.isEmpty()) {
                            run.listener.debug("torrent " + hash + ": still nobody in the swarm, " + inSwarm.size()
                                    + " files to the mirror");
                        }
                        for (FetchSlot s : inSwarm) {
                            run.release(s, "nobody in the swarm");
                        }
                    } else {
                        oneAtATime(entry.getValue().values(), inSwarm, "nobody in the swarm yet");
                    }
                }
                case SWARM -> {
                    if (v.nobodyThere(otherSources)) {
                        // swarm_wait passed before the tracker answered (or failed); now it has: nobody.
                        alone(hash, v, inSwarm, now, "nobody in the swarm after all");
                    }
                }
            }
        }
    }

    /**
     * Nobody is there: the files go to HTTP, all at once when nobody can come (no working tracker), else one at a
     * time for {@link #ALONE_RAMP_NANOS} first. Call with the lock held.
     */
    private void alone(String hash, SwarmView v, List<FetchSlot> inSwarm, long now, String why) {
        v.mode = SwarmView.Mode.ALONE;
        v.aloneSince = now;
        if (v.trackerWorks) {
            run.listener.debug("torrent " + hash + ": " + why + "; files to the mirror one at a time for "
                    + TimeUnit.NANOSECONDS.toMillis(ALONE_RAMP_NANOS) + " ms, others may be starting too");
            oneAtATime(run.byTorrent.get(hash).values(), inSwarm, why);
            return;
        }
        run.listener.debug("torrent " + hash + ": " + why + ", " + inSwarm.size() + " files to the mirror");
        for (FetchSlot s : inSwarm) {
            run.release(s, why);
        }
    }

    /**
     * Hands one of {@code inSwarm} (picked at random: clients that start together pick different ones) to HTTP
     * unless a file of the torrent ({@code all}) is queued or being fetched over HTTP; returns it, or null. Call
     * with the lock held.
     */
    private FetchSlot oneAtATime(java.util.Collection<FetchSlot> all, List<FetchSlot> inSwarm, String why) {
        if (all.stream().anyMatch(s -> s.state == State.QUEUED || s.state == State.HTTP)) {
            return null;
        }
        List<FetchSlot> movable = inSwarm.stream().filter(s -> !s.mirrorFailed && !s.item.mirrors().isEmpty())
                .toList();
        if (movable.isEmpty()) {
            return null;
        }
        FetchSlot s = movable.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(movable.size()));
        run.release(s, why);
        return s;
    }

    /** The engine may fetch the pieces of these files that nobody has from their first mirror. */
    private void askRanges(String hash, List<FetchSlot> swarmSlots) {
        for (FetchSlot s : swarmSlots) {
            if (!s.mirrorFailed && !s.item.mirrors().isEmpty()) {
                int index = s.item.torrent().fileIndex();
                URI url = s.item.mirrors().get(0);
                run.engineActions.add(e -> e.fetchMissingPiecesFrom(hash, index, url));
            }
        }
    }
}
