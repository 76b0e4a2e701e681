package dev.peerget.fetch.swarm;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.http.DownloadRequest;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.http.Validators;
import dev.peerget.fetch.swarm.FetchSlot.State;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side of one fetch: each of the {@link FetchPolicy#httpConnections()} workers takes a file from the
 * fetch's queue, fetches it whole from its mirrors in turn (resuming a partial body), has the cache admit it, and
 * offers a torrent file to the engine when somebody is in its swarm.
 *
 * <p>Thread-safety: the workers run on the fetch's pool; slot states change under {@link FetchRun#lock}.
 */
final class HttpWorkers {
    private final FetchRun run;
    private final HttpDownloader http;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong mirrorBytes = new AtomicLong();

    HttpWorkers(FetchRun run, HttpDownloader http) {
        this.run = run;
        this.http = http;
    }

    /** Workers fetching a file now. */
    int busy() {
        return busy.get();
    }

    /** Bytes fetched whole from mirrors so far. */
    long mirrorBytes() {
        return mirrorBytes.get();
    }

    void httpWorker() {
        try {
            while (!run.finished) {
                FetchSlot s = run.queue.poll(FetchRun.TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (s == null) {
                    continue;
                }
                synchronized (run.lock) {
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

    private void fetchOverHttp(FetchSlot s) {
        List<String> errors = new ArrayList<>();
        List<URI> attempts = new ArrayList<>(s.item.mirrors());
        for (int i = 0; i < attempts.size(); i++) {
            URI uri = attempts.get(i);
            boolean resumed = false;
            try {
                Path target = run.sink.partialDir().resolve(s.item.checksum().hex() + ".download");
                // Resumable: a package is verified against the signed index anyway, so a partial body left by a
                // failure (or a killed peerget) is continued with a range request. Hashed as it arrives: the cache
                // then need not read the file again.
                MessageDigest digest = newDigest(s.item);
                var result = http.fetch(new DownloadRequest(uri, target, s.item.size(), Validators.NONE, true),
                        digest);
                if (!(result instanceof dev.peerget.fetch.http.DownloadResult.Fetched fetched)) {
                    throw new IOException("the server answered 304 to an unconditional request");
                }
                mirrorBytes.addAndGet(fetched.bytes());
                resumed = fetched.bytes() < s.item.size();
                synchronized (run.lock) {
                    if (s.state == State.DONE) {
                        // The swarm finished it meanwhile.
                        java.nio.file.Files.deleteIfExists(fetched.file());
                        return;
                    }
                }
                Path file = run.sink.admitHashed(s.item, fetched.file(), HexFormat.of().formatHex(digest.digest()));
                run.finish(s, FetchSource.MIRROR, file, fetched.bytes());
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
                    synchronized (run.lock) {
                        s.rejected = true;
                    }
                }
                if (s.item.mirrors().size() > 1) {
                    run.listener.notice(s.item.label() + ": " + e.getMessage());
                }
            }
        }
        synchronized (run.lock) {
            if (s.state != State.HTTP) {
                return;
            }
            if (s.item.torrent() != null && run.policy.useTorrents() && !run.swarm.engineDead()) {
                // The swarm may still have it: leave it there, never to be taken away again. It left the engine's
                // selection when it went to HTTP (or was never in it): selected again.
                s.mirrorFailed = true;
                s.state = State.SWARM;
                run.reselect(s.item.torrent().infoHash(), List.of(s));
            } else {
                run.fail(s, String.join("; ", errors));
            }
        }
    }

    private static MessageDigest newDigest(FetchItem item) {
        try {
            return MessageDigest.getInstance(item.checksum().algorithm().javaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(item.checksum().algorithm() + " is required of every JRE", e);
        }
    }

    /**
     * A torrent file fetched over HTTP is offered to the engine when somebody is in the swarm, so that the
     * peers can have it from us now rather than from the mirror (alone, it would only cost a copy).
     */
    private void offerIfWanted(FetchSlot s, Path file) {
        TorrentSlot t = s.item.torrent();
        if (t == null || !run.policy.useTorrents()) {
            return;
        }
        synchronized (run.lock) {
            SwarmView v = run.views.get(t.infoHash());
            if (v == null) {
                return;
            }
            if (v.somebodyThere()) {
                run.engineActions.add(e -> e.offer(t.infoHash(), t.fileIndex(), file));
            } else {
                v.notOffered.put(t.fileIndex(), file);
            }
        }
    }
}
