package dev.peerget.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP/1.1 server on 127.0.0.1 serving a directory tree, used as the mirror in tests. It honours
 * {@code If-None-Match} / {@code If-Modified-Since} and single {@code Range} requests, counts the bytes it
 * served, and can be told to misbehave for one path (an error status, truncated or corrupted bodies).
 */
public final class StaticHttpServer implements AutoCloseable {

    /** How the server answers one path instead of serving it. */
    public sealed interface Fault {
        /** Answer with this status and an empty body. */
        record Status(int code) implements Fault { }
        /** Send only the first {@code bytes} bytes of the file while announcing the full length, then close. */
        record Truncate(long bytes) implements Fault { }
        /** Flip one byte in the middle of the body. */
        record Corrupt() implements Fault { }
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Path docRoot;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();

    private StaticHttpServer(Path docRoot) throws IOException {
        this.docRoot = docRoot.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts serving {@code docRoot} on an ephemeral loopback port. */
    public static StaticHttpServer serve(Path docRoot) throws IOException {
        return new StaticHttpServer(docRoot);
    }

    /** Base URI ending in a slash, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Body bytes sent so far. */
    public long bytesServed() {
        return bytesServed.get();
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    /** How often a path (relative, no leading slash) was requested. */
    public long hits(String relativePath) {
        AtomicLong n = hits.get(relativePath);
        return n == null ? 0 : n.get();
    }

    /** Makes requests for {@code relativePath} misbehave until {@link #clearFaults()}. */
    public void inject(String relativePath, Fault fault) {
        faults.put(relativePath, fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            String rel = URI.create(ex.getRequestURI().getRawPath()).getPath();
            rel = rel.startsWith("/") ? rel.substring(1) : rel;
            hits.computeIfAbsent(rel, k -> new AtomicLong()).incrementAndGet();
            Path file = docRoot.resolve(rel).normalize();
            if (!file.startsWith(docRoot) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            Fault fault = faults.get(rel);
            if (fault instanceof Fault.Status s) {
                ex.sendResponseHeaders(s.code(), -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            long mtime = Files.getLastModifiedTime(file).toMillis();
            String etag = "\"" + Long.toHexString(mtime) + "-" + Long.toHexString(body.length) + "\"";
            String lastModified = HTTP_DATE.format(ZonedDateTime.ofInstant(
                    java.time.Instant.ofEpochMilli(mtime / 1000 * 1000), ZoneOffset.UTC));
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Last-Modified", lastModified);
            ex.getResponseHeaders().set("Accept-Ranges", "bytes");
            if (notModified(ex, etag, mtime)) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            int from = 0;
            int to = body.length;
            String range = ex.getRequestHeaders().getFirst("Range");
            int status = 200;
            if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
                String[] parts = range.substring(6).split("-", -1);
                from = Integer.parseInt(parts[0]);
                if (!parts[1].isEmpty()) {
                    to = Math.min(body.length, Integer.parseInt(parts[1]) + 1);
                }
                if (from >= body.length) {
                    ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + body.length);
            }
            int length = to - from;
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Content-Length", Integer.toString(length));
                ex.sendResponseHeaders(status, -1);
                return;
            }
            if (fault instanceof Fault.Corrupt && length > 0) {
                body = body.clone();
                body[from + length / 2] ^= 0x5a;
            }
            ex.sendResponseHeaders(status, length);
            int send = fault instanceof Fault.Truncate t ? (int) Math.min(t.bytes(), length) : length;
            OutputStream out = ex.getResponseBody();
            // Counted before writing: the client can read the last byte before this thread runs on, and a test
            // reading bytesServed() right after its request must see it.
            bytesServed.addAndGet(send);
            out.write(body, from, send);
            if (send < length) {
                // Closing the exchange early: the client sees the connection end before Content-Length bytes.
                throw new IOException("truncated on purpose");
            }
        } catch (IOException e) {
            // The client went away or a truncation was injected: nothing more to send.
        }
    }

    private static boolean notModified(HttpExchange ex, String etag, long mtime) {
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        if (inm != null) {
            return inm.contains(etag);
        }
        String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
        if (ims != null) {
            try {
                long since = ZonedDateTime.parse(ims, HTTP_DATE).toInstant().toEpochMilli();
                return mtime / 1000 * 1000 <= since;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
