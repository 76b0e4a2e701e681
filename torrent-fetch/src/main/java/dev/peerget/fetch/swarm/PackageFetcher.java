package dev.peerget.fetch.swarm;

import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.torrent.EngineWarmup;
import java.util.List;

/**
 * Fetches package files from their repositories' torrents and mirrors, verifying every file before it enters the
 * cache.
 *
 * <p>The rule (issue #4): files of a repository without a torrent go to HTTP at once. Files in a torrent go to the
 * swarm first (only those files are selected). When the torrent's tracker answers that nobody is there (and peers
 * can come from nowhere else: no DHT, no local peer discovery, no configured peer), its files go to HTTP at once
 * (one at a time for the first second when a working tracker said so: others who start at the same moment may
 * announce a little later); a file fetched so is offered to the engine if a peer connects after all. When somebody is there (a peer
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
 *
 * <p>The work is done by one {@link FetchRun} per call: its {@link SwarmDriver} (the engine), {@link HttpWorkers}
 * (the mirrors) and {@link SwarmFallback} (the rule above).
 */
public final class PackageFetcher {
    private final FetchPolicy policy;
    private final HttpDownloader http;
    private final FetchSink sink;
    private final EngineWarmup warmup;

    public PackageFetcher(FetchPolicy policy, HttpDownloader http, FetchSink sink) {
        this(policy, http, sink, null);
    }

    private PackageFetcher(FetchPolicy policy, HttpDownloader http, FetchSink sink, EngineWarmup warmup) {
        this.policy = policy;
        this.http = http;
        this.sink = sink;
        this.warmup = warmup;
    }

    /**
     * This fetcher, using the engine {@code warmup} started (when its configuration is the policy's) instead of
     * starting one; null for none. The first fetch that needs an engine takes it.
     */
    public PackageFetcher withWarmup(EngineWarmup warmup) {
        return new PackageFetcher(policy, http, sink, warmup);
    }

    /** Fetches every item (cached ones are only looked up); never throws for one failed file: see the report. */
    public FetchReport fetch(List<FetchItem> items, FetchListener listener) {
        return new FetchRun(policy, http, sink, items, listener, warmup).execute();
    }
}
