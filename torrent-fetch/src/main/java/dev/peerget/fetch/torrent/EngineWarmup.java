package dev.peerget.fetch.torrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A torrent engine process started before anyone knows whether it will be needed: while a command plans, so
 * that the fetch which follows finds the engine listening instead of waiting for its start (a JVM, libtorrent's
 * session and the privilege drop: 0.3-0.5 s, about as long as a plan takes). The fetch {@link #take}s it when it
 * was started with the configuration the fetch would use; otherwise, or if nobody takes it, {@link #close}
 * stops it. Events the engine sends before it is taken are kept and handed to the taker's listener first.
 *
 * <p>Thread-safe.
 */
public final class EngineWarmup implements AutoCloseable {
    private final CompletableFuture<Started> started = new CompletableFuture<>();
    private final Relay relay = new Relay();
    private boolean done;

    private record Started(EngineConfig config, EngineProcess engine) { }

    private EngineWarmup() {
    }

    /**
     * Starts an engine on a background thread with the configuration {@code config} gives there (it may run
     * commands, such as looking up the engine's user, that the caller should not wait for).
     */
    public static EngineWarmup start(Supplier<EngineConfig> config) {
        EngineWarmup warmup = new EngineWarmup();
        Thread t = new Thread(() -> {
            try {
                EngineConfig c = config.get();
                warmup.started.complete(new Started(c, EngineProcess.start(c, warmup.relay)));
            } catch (RuntimeException | Error e) {
                warmup.started.completeExceptionally(e);
            }
        }, "peerget-engine-warmup");
        t.setDaemon(true);
        t.start();
        return warmup;
    }

    /**
     * The warmed-up engine, once it listens, with {@code listener} receiving its events from now on (and the
     * ones it sent before); empty when it was started with another configuration than {@code wanted} (it is
     * stopped then), could not start, or was taken or closed already. Waits for the engine's start.
     */
    public Optional<EngineProcess> take(EngineConfig wanted, EngineListener listener) {
        synchronized (this) {
            if (done) {
                return Optional.empty();
            }
            done = true;
        }
        Started s;
        try {
            s = started.join();
        } catch (CompletionException e) {
            return Optional.empty(); // the caller starts its own, and reports that one's failure
        }
        if (!s.config().equals(wanted)) {
            s.engine().close();
            return Optional.empty();
        }
        relay.attach(listener);
        return Optional.of(s.engine());
    }

    /** Stops the engine unless it was taken; does not wait for its start. */
    @Override
    public void close() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        started.thenAccept(s -> s.engine().close());
    }

    /** Keeps events until a listener is attached, then forwards them. */
    private static final class Relay implements EngineListener {
        private final List<EngineEvent> kept = new ArrayList<>();
        private EngineListener target;

        @Override
        public synchronized void onEvent(EngineEvent event) {
            if (target != null) {
                target.onEvent(event);
            } else {
                kept.add(event);
            }
        }

        synchronized void attach(EngineListener listener) {
            kept.forEach(listener::onEvent);
            kept.clear();
            target = listener;
        }
    }
}
