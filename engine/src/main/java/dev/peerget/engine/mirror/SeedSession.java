package dev.peerget.engine.mirror;

import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code mirror seed}: the engine child seeding the repository's torrents. {@link #run} reports a
 * status per torrent every interval until told to stop; {@link #close} stops the engine. {@link #run} and
 * {@link #close} may be called from different threads (a signal handler closes).
 */
public final class SeedSession implements AutoCloseable {
    private final EngineProcess engine;
    private final List<SeededTorrent> torrents;
    private final SeedListener listener;
    private final Duration interval;
    private final List<String> warnings;
    private final SeedRelay relay;

    SeedSession(EngineProcess engine, List<SeededTorrent> torrents, SeedListener listener, Duration interval,
            List<String> warnings, SeedRelay relay) {
        this.engine = engine;
        this.torrents = List.copyOf(torrents);
        this.listener = listener;
        this.interval = interval;
        this.warnings = List.copyOf(warnings);
        this.relay = relay;
    }

    /** The TCP port peers connect to. */
    public int port() {
        return engine.listenPort();
    }

    public List<SeededTorrent> torrents() {
        return torrents;
    }

    /** What the operator should know: torrents an index does not list, duplicates. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Reports every torrent's state each interval until {@code stop} opens; throws {@link MirrorException} when
     * the engine dies meanwhile (its last output in the message).
     */
    public void run(CountDownLatch stop) throws InterruptedException {
        do {
            for (SeededTorrent t : torrents) {
                engine.requestStatus(t.id());
            }
            if (stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            EngineEvent.Died died = relay.died();
            if (died != null) {
                throw new MirrorException("the torrent engine stopped (exit " + died.exitCode() + ")"
                        + (died.stderrTail().isBlank() ? "" : ": " + died.stderrTail()),
                        "run again with --debug; if it keeps stopping, report it with that output");
            }
            for (SeededTorrent t : torrents) {
                EngineEvent.Progress p = relay.latest(t.id());
                if (p != null) {
                    listener.status(t, p.state(), p.wantedDone(), p.downloaded());
                }
            }
        } while (true);
    }

    /** The latest state of a torrent ({@code CHECKING_FILES}, {@code SEEDING}, ...), null before the first. */
    public String state(String id) {
        EngineEvent.Progress p = relay.latest(id);
        return p == null ? null : p.state();
    }

    @Override
    public void close() {
        engine.close();
    }
}
