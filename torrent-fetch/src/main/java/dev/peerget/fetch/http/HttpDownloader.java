package dev.peerget.fetch.http;

import dev.peerget.fetch.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches files over http(s) and {@code file:} with connect and stall timeouts, retries with back-off for
 * transient failures (I/O errors, HTTP 5xx/408/429), conditional requests and a size cap. Bodies are written to
 * a temporary sibling of the target and moved into place only when complete, so a failure never leaves a
 * partial file under the target's name. Thread-safe.
 */
public final class HttpDownloader implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final HttpClient client;
    private final Duration stallTimeout;
    private final int retries;
    private final ScheduledExecutorService watchdog;

    /**
     * @param connectTimeout time allowed to connect and receive the response headers
     * @param stallTimeout   longest time the body may make no progress before the attempt is abandoned
     * @param retries        further attempts after a transient failure
     */
    public HttpDownloader(Duration connectTimeout, Duration stallTimeout, int retries) {
        this(LazyTls.clientBuilder(), connectTimeout, stallTimeout, retries);
    }

    /** With a client from {@code builder} (tests: a TLS context of their own). */
    HttpDownloader(HttpClient.Builder builder, Duration connectTimeout, Duration stallTimeout, int retries) {
        this.client = builder
                // HTTP/1.1, as apt: over http:// Java would otherwise offer h2c, and a server that accepts it turns
                // the parallel transfers into streams of one connection (measured: a 30 s stall, see
                // docs/fetch-benchmarks.md).
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.stallTimeout = stallTimeout;
        this.retries = retries;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerget-download-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Fetches {@code request}, retrying transient failures; throws {@link FetchException} when it gives up. */
    public DownloadResult fetch(DownloadRequest request) {
        return fetch(request, null);
    }

    /**
     * Like {@link #fetch(DownloadRequest)}, and when the result is {@link DownloadResult.Fetched} {@code digest}
     * (unless null) has been fed exactly the bytes of its file: hashing as the body arrives overlaps the hash
     * with the transfer and saves reading the file again (docs/benchmarks.md).
     */
    public DownloadResult fetch(DownloadRequest request, MessageDigest digest) {
        String scheme = request.uri().getScheme() == null ? "" : request.uri().getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return copyLocal(request, digest);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("unsupported URI scheme in " + request.uri(),
                    "peerget fetches over http, https and file", null, FetchException.Reason.FAILED);
        }
        FetchException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                sleep(Math.min(4000, 250L << (attempt - 1)));
            }
            try {
                return attempt(request, digest);
            } catch (TransientFailure e) {
                last = new FetchException(e.getMessage(), "check the network and the mirror; run the command again",
                        e.getCause(), FetchException.Reason.FAILED);
            }
        }
        throw last;
    }

    private DownloadResult attempt(DownloadRequest req, MessageDigest digest) throws TransientFailure {
        HttpRequest.Builder b = HttpRequest.newBuilder(req.uri()).GET()
                .timeout(stallTimeout.plus(Duration.ofSeconds(5)))
                .header("User-Agent", "peerget/0.1");
        if (req.validators().etag() != null) {
            b.header("If-None-Match", req.validators().etag());
        }
        if (req.validators().lastModified() != null) {
            b.header("If-Modified-Since", req.validators().lastModified());
        }
        long have = 0;
        if (req.resumable()) {
            try {
                have = Files.isRegularFile(req.partial()) ? Files.size(req.partial()) : 0;
            } catch (IOException e) {
                have = 0;
            }
            if (have > 0 && (req.maxBytes() < 0 || have < req.maxBytes())) {
                b.header("Range", "bytes=" + have + "-");
            } else {
                have = 0;
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new TransientFailure("cannot reach " + req.uri() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching " + req.uri(), null, e, FetchException.Reason.FAILED);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 304) {
                return new DownloadResult.NotModified();
            }
            if (status == 404 || status == 410) {
                throw new FetchException(req.uri() + ": " + status + " Not Found",
                        "the mirror does not have this file; check the repository URL and suite", null, FetchException.Reason.NOT_FOUND);
            }
            if (status >= 500 || status == 408 || status == 429) {
                throw new TransientFailure(req.uri() + ": server answered " + status, null);
            }
            if (status == 416 && have > 0) {
                // The partial body is not a prefix the server can continue: start over.
                Files.deleteIfExists(req.partial());
                throw new TransientFailure(req.uri() + ": cannot resume after " + have + " bytes", null);
            }
            long offset = 0;
            if (status == 206 && have > 0) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                if (!range.startsWith("bytes " + have + "-")) {
                    Files.deleteIfExists(req.partial());
                    throw new TransientFailure(req.uri() + ": asked to resume at " + have + ", got " + range, null);
                }
                offset = have;
            } else if (status != 200) {
                throw new FetchException(req.uri() + ": server answered " + status, null, null, FetchException.Reason.FAILED);
            }
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced >= 0) {
                announced += offset;
            }
            if (req.maxBytes() >= 0 && announced > req.maxBytes()) {
                throw new FetchException(req.uri() + ": server announces " + announced + " bytes, more than the "
                        + req.maxBytes() + " expected", "the mirror may be serving the wrong file", null, FetchException.Reason.TOO_LARGE);
            }
            long written = receive(req, body, offset, digest);
            if (announced >= 0 && written != announced) {
                if (!req.resumable()) {
                    Files.deleteIfExists(req.partial());
                }
                throw new TransientFailure(req.uri() + ": connection closed after " + written + " of "
                        + announced + " bytes", null);
            }
            Files.move(req.partial(), req.target(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Validators v = new Validators(response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
            // What this attempt transferred: a resumed body counts only the rest.
            return new DownloadResult.Fetched(req.target(), written - offset, v);
        } catch (IOException e) {
            throw new TransientFailure("transfer of " + req.uri() + " failed: " + describe(e), e);
        }
    }

    /**
     * Streams the body to the partial file (appending after {@code offset} bytes already there), enforcing the cap
     * and the stall timeout. A failure deletes the partial file unless the request is resumable. Returns the size
     * of the partial file.
     */
    private long receive(DownloadRequest req, InputStream body, long offset, MessageDigest digest) throws IOException {
        Path target = req.target();
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = req.partial();
        if (digest != null) {
            digest.reset();
            if (offset > 0) {
                digestFile(partial, digest);
            }
        }
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long stallNanos = stallTimeout.toNanos();
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // Closing is how a stalled read is interrupted; nothing else to do.
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        long total = offset;
        OpenOption[] mode = offset > 0
                ? new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND}
                : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE};
        try (OutputStream out = Files.newOutputStream(partial, mode)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = body.read(buf)) >= 0) {
                total += n;
                if (req.maxBytes() >= 0 && total > req.maxBytes()) {
                    Files.deleteIfExists(partial);
                    throw new FetchException(req.uri() + ": more than the " + req.maxBytes()
                            + " bytes expected", "the mirror may be serving the wrong or an endless file", null,
                            FetchException.Reason.TOO_LARGE);
                }
                out.write(buf, 0, n);
                if (digest != null) {
                    digest.update(buf, 0, n);
                }
                lastProgress.set(System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            if (!req.resumable()) {
                Files.deleteIfExists(partial);
            }
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                throw new IOException("no data for " + stallTimeout.toSeconds() + " s", e);
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
        return total;
    }

    private static void digestFile(Path file, MessageDigest digest) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
    }

    private DownloadResult copyLocal(DownloadRequest req, MessageDigest digest) {
        Path source = Path.of(req.uri());
        try {
            long size = Files.size(source);
            if (req.maxBytes() >= 0 && size > req.maxBytes()) {
                throw new FetchException(source + ": " + size + " bytes, more than the " + req.maxBytes()
                        + " expected", null, null, FetchException.Reason.TOO_LARGE);
            }
            Files.createDirectories(req.target().toAbsolutePath().getParent());
            Path partial = req.target().resolveSibling(req.target().getFileName() + ".partial");
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, req.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (digest != null) {
                digest.reset();
                digestFile(req.target(), digest);
            }
            return new DownloadResult.Fetched(req.target(), size, Validators.NONE);
        } catch (NoSuchFileException e) {
            throw new FetchException(source + ": no such file", "check the repository path", e, FetchException.Reason.NOT_FOUND);
        } catch (IOException e) {
            throw new FetchException("cannot read " + source + ": " + describe(e), null, e, FetchException.Reason.FAILED);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", null, e, FetchException.Reason.FAILED);
        }
    }

    /** Stops the watchdog and the HTTP client's selector thread; the downloader cannot be used afterwards. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        stopSelectorThread(client);
    }

    /**
     * Ends {@code client}'s selector thread. Java 17's HttpClient cannot be closed (that came with Java 21): its
     * selector thread stays in {@code epoll_wait}, in native code, until the client has been garbage collected,
     * and a JVM that exits while a thread is in native code waits 300 ms for it (HotSpot's
     * {@code VM_Exit::wait_for_threads_in_native_to_block}). So every command that had used HTTP ended 0.3 s
     * late (docs/install-benchmarks.md). The selector thread leaves its loop when interrupted. It is named
     * {@code HttpClient-ID-SelectorManager} after the id that the client's {@code toString()} ends with, in
     * parentheses (the JDK's own tests find it the same way). When the client can be closed (Java 21) it is
     * closed instead; when the thread is not found nothing happens.
     */
    public static void stopSelectorThread(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing is best effort: the process works without it, it only exits later.
            }
            return;
        }
        String text = client.toString();
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return;
        }
        String name = "HttpClient-" + text.substring(open + 1, text.length() - 1) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && t.getName().equals(name)) {
                t.interrupt();
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    /** A failure worth another attempt. */
    private static final class TransientFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TransientFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
