package dev.peerget.cache.internal;

import dev.peerget.cache.PackageSink;
import dev.peerget.model.PackageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a repository's filler (download already done: decompress + parse) on a thread of its own, prepares
 * the rows there (relation and checksum encoding) and hands them in batches through a bounded queue to a writer on the calling thread, the only one that uses
 * the database connection. Decompressing and parsing a large index costs about as much as SQLite's inserts;
 * overlapped on two cores, the store takes the longer of the two instead of their sum (docs/benchmarks.md).
 *
 * <p>Failures keep their meaning: an exception thrown by the filler is rethrown unchanged on the calling thread
 * after the filler thread ended; an exception of the writer stops the filler (its next {@code add} throws) and
 * is rethrown. Either way the caller rolls back. One use per instance; not thread-safe otherwise.
 */
public final class PipelinedLoad {
    private static final int BATCH = 256;
    private static final int QUEUED_BATCHES = 4;
    private static final List<PackageWriter.Row> END = List.of();

    private final BlockingQueue<List<PackageWriter.Row>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private volatile boolean cancelled;
    private Throwable fillerFailure;

    private PipelinedLoad() {
    }

    /**
     * Calls {@code filler} on a new thread, prepares each package it adds there too ({@link PackageWriter#prepare})
     * and passes them to {@code writer}, in order.
     */
    public static void run(Consumer<PackageSink> filler, PackageWriter writer) {
        new PipelinedLoad().load(filler, writer);
    }

    private void load(Consumer<PackageSink> filler, PackageWriter writer) {
        Thread producer = new Thread(() -> produce(filler), "peerget-index-reader");
        producer.setDaemon(true);
        producer.start();
        try {
            for (List<PackageWriter.Row> batch = queue.take(); batch != END; batch = queue.take()) {
                for (PackageWriter.Row row : batch) {
                    writer.write(row);
                }
            }
        } catch (InterruptedException e) {
            stop(producer);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing packages", e);
        } catch (RuntimeException | Error e) {
            stop(producer);
            throw e;
        }
        joinQuietly(producer);
        if (fillerFailure instanceof RuntimeException e) {
            throw e;
        }
        if (fillerFailure instanceof Error e) {
            throw e;
        }
        if (fillerFailure != null) {
            throw new IllegalStateException(fillerFailure);
        }
    }

    private void produce(Consumer<PackageSink> filler) {
        BatchingSink sink = new BatchingSink();
        try {
            filler.accept(sink);
            sink.flush();
        } catch (Throwable t) {
            // Handed to the calling thread (fields written before the END put are visible after its take).
            fillerFailure = t;
        } finally {
            if (!cancelled) {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The filler's sink: collects packages into batches and queues each full one. */
    private final class BatchingSink implements PackageSink {
        private List<PackageWriter.Row> batch = new ArrayList<>(BATCH);

        @Override
        public void add(String component, PackageRecord record) {
            if (cancelled) {
                throw new IllegalStateException("storing the packages failed; reading stopped");
            }
            batch.add(PackageWriter.prepare(component, record));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                put(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    private void put(List<PackageWriter.Row> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading packages", e);
        }
    }

    /** Stops the filler after a writer failure: it fails on its next add or blocked put. */
    private void stop(Thread producer) {
        cancelled = true;
        producer.interrupt();
        queue.clear();
        joinQuietly(producer);
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
