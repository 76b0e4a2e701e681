package dev.peerget.repo.deb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads the stanzas of a deb822 stream on a thread of its own, a few batches ahead of the caller, who turns them
 * into whatever it needs: the reading (decompressing the stream, finding its lines, decoding every field) then
 * runs beside that work instead of in turn with it. For Debian's main during an update, that thread inflates 50 MB
 * and splits them into a million fields while the caller's thread builds the packages from them and a third
 * writes them to the store (docs/benchmarks.md).
 *
 * <p>Stanzas reach the caller in order. A failure of the reading (a malformed stanza, an I/O error) surfaces on the
 * caller's thread after the stanzas before it, unchanged. When the caller's consumer throws, the reading stops
 * and the exception propagates. Either way the thread has ended and the stream is closed when {@link #forEach}
 * returns.
 */
public final class StanzaReadAhead {
    private static final int BATCH = 64;
    private static final int BATCHES = 4;
    private static final List<Stanza> END = List.of();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    private volatile boolean stopped;
    /** The batch the reading thread fills. */
    private List<Stanza> batch = new ArrayList<>(BATCH);

    private StanzaReadAhead() {
    }

    /**
     * Hands every stanza of {@code in} to {@code sink}, in order, reading them on a new thread called
     * {@code threadName}; closes {@code in}.
     *
     * @param sourceName the name errors report ({@link Deb822Reader})
     */
    public static void forEach(InputStream in, String sourceName, String threadName, Consumer<Stanza> sink)
            throws IOException {
        Objects.requireNonNull(sink, "sink");
        new StanzaReadAhead().run(new Deb822Reader(in, sourceName), threadName, sink);
    }

    private void run(Deb822Reader reader, String threadName, Consumer<Stanza> sink) throws IOException {
        Thread thread = new Thread(() -> produce(reader), threadName);
        thread.setDaemon(true);
        thread.start();
        Throwable failure = null;
        try {
            consume(sink);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            // The thread ends before the stream is closed under it: at its next queueing at the latest.
            stopped = true;
            thread.interrupt();
            joinQuietly(thread);
            try {
                reader.close();
            } catch (IOException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    private void produce(Deb822Reader reader) {
        try {
            reader.forEach(stanza -> {
                batch.add(stanza);
                if (batch.size() == BATCH) {
                    put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            });
            if (!batch.isEmpty()) {
                put(batch);
            }
            put(END);
        } catch (IOException | RuntimeException | Error e) {
            if (!stopped) {
                try {
                    if (!batch.isEmpty()) {
                        put(batch); // the stanzas before the failure first
                    }
                    put(e);
                } catch (UncheckedIOException stoppedMeanwhile) {
                    // the caller stopped: nobody is waiting for the failure
                }
            }
        }
    }

    /** Queues {@code item}; when the caller has stopped (interrupted), gives up and ends the reading. */
    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("stanza reading stopped"));
        }
    }

    @SuppressWarnings("unchecked")
    private void consume(Consumer<Stanza> sink) throws IOException {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading stanzas");
            }
            if (next == END) {
                return;
            }
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            for (Stanza stanza : (List<Stanza>) next) {
                sink.accept(stanza);
            }
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
