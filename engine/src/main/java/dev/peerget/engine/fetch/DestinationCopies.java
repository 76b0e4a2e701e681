package dev.peerget.engine.fetch;

import dev.peerget.fetch.swarm.FetchItem;
import dev.peerget.fetch.swarm.FetchListener;
import dev.peerget.fetch.swarm.FetchSource;
import dev.peerget.fetch.swarm.FetchTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code download}'s copies into the destination directory, each made as soon as its file is verified in the
 * cache, while the rest is still being fetched: copied after the fetch, 199 MB added 0.1-0.2 s to the end of a
 * download (docs/fetch-benchmarks.md). A copy is written beside its target as {@code .NAME.peerget} and renamed,
 * so a file appears under its name only complete. Passes every event on to the listener it wraps.
 *
 * <p>Thread-safety: events may come from any thread; the copies are made one at a time on a thread of their own.
 */
final class DestinationCopies implements FetchListener, AutoCloseable {
    private final FetchListener delegate;
    private final Path destDir;
    private final Map<FetchItem, String> names;
    private final ExecutorService copier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "peerget-destdir-copy");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<?>> copies = new ArrayList<>();

    /** {@code names}: the file name in {@code destDir} of each item's file. */
    DestinationCopies(FetchListener delegate, Path destDir, Map<FetchItem, String> names) {
        this.delegate = delegate;
        this.destDir = destDir;
        this.names = Map.copyOf(names);
    }

    @Override
    public void done(FetchItem item, FetchSource source, long bytes, Path file) {
        delegate.done(item, source, bytes, file);
        String name = names.get(item);
        synchronized (copies) {
            copies.add(copier.submit(() -> copy(file, name)));
        }
    }

    private void copy(Path file, String name) {
        Path partial = destDir.resolve("." + name + ".peerget");
        try {
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, destDir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " to " + destDir.resolve(name) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Waits for every copy asked for so far; throws the first that failed. */
    void awaitCopies() throws IOException {
        List<Future<?>> pending;
        synchronized (copies) {
            pending = List.copyOf(copies);
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while copying into " + destDir);
            }
        }
    }

    @Override
    public void progress(FetchTotals totals) {
        delegate.progress(totals);
    }

    @Override
    public void engineStarted(long pid) {
        delegate.engineStarted(pid);
    }

    @Override
    public void notice(String message) {
        delegate.notice(message);
    }

    @Override
    public void debug(String message) {
        delegate.debug(message);
    }

    /** Lets a copy under way finish (a half-written copy is never left under a file's name) and stops. */
    @Override
    public void close() {
        copier.shutdown();
        try {
            copier.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
