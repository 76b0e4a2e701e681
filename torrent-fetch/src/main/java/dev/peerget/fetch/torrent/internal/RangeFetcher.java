package dev.peerget.fetch.torrent.internal;

import dev.peerget.fetch.http.LazyTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.libtorrent4j.FileStorage;
import org.libtorrent4j.PieceIndexBitfield;
import org.libtorrent4j.TorrentHandle;

/**
 * The engine's own web seed: fetches, by HTTP byte ranges of a file's mirror URL, the pieces of that file that no
 * connected peer has and this session lacks, and hands them to libtorrent ({@code add_piece}), which checks them
 * against the torrent's piece hashes and announces them (HAVE) to the peers at once.
 *
 * <p>Why not libtorrent's web seeds (BEP 19): a libtorrent web seed connection requests runs of up to 16 MiB of
 * whatever the piece picker chooses, also pieces that peers have, so several clients starting together fetched
 * the same ranges from the mirror and kept the mirror busy for the whole download (2.2-3.0 copies of the selection
 * for 8 clients, docs/fetch-benchmarks.md). Here a client only fetches a piece that nobody it is connected to has,
 * from a random place, in runs of at most {@link #CHUNK_BYTES}, checking again every {@link #CHECK_BYTES} while
 * it streams: what another client fetched and announced meanwhile is not fetched twice, so the mirror sends about
 * one copy to the whole swarm, and the clients trade the rest.
 *
 * <p>Only files that start on a piece boundary are fetched this way (BEP 47 padded torrents, as peerget makes
 * them); a piece's bytes past the end of its file are a pad file's zeros. Thread-safe: its own lock; libtorrent's
 * handles are thread-safe, and nothing here takes the session's lock.
 */
final class RangeFetcher {
    static final int CONNECTIONS = 2;
    static final long CHUNK_BYTES = 1 << 20;
    static final long CHECK_BYTES = 128 * 1024;
    private static final int MAX_FAILURES = 3;
    private static final long IDLE_WAIT_MILLIS = 500;

    /** What one torrent's files may be fetched from. */
    private static final class Source {
        final EngineTorrent torrent;
        final FileStorage files;
        final Map<Integer, URI> urls = new LinkedHashMap<>();
        final Map<Integer, Integer> failures = new HashMap<>();
        /** Pieces a connection of this engine is fetching now. */
        final Set<Integer> inFlight = new HashSet<>();
        /** Pieces handed to libtorrent and not yet known good or bad. */
        final Set<Integer> added = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Source(EngineTorrent torrent, FileStorage files) {
            this.torrent = torrent;
            this.files = files;
        }
    }

    /** A run of pieces of one file, and the byte range of that file they cover. */
    private record Chunk(Source source, int file, URI url, int first, int last, long from, long to) {}

    private final HttpClient http = LazyTls.clientBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final java.util.concurrent.ExecutorService offers = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "engine-offers");
                t.setDaemon(true);
                return t;
            });
    private volatile boolean closed;

    /** Lets {@code url} serve the pieces of {@code torrent}'s file {@code index} that nobody has. */
    synchronized void add(EngineTorrent torrent, FileStorage files, int index, URI url) {
        if (closed || index < 0 || index >= files.numFiles() || files.padFileAt(index)
                || files.fileOffset(index) % files.pieceLength() != 0 || files.fileSize(index) == 0) {
            return;
        }
        Source source = sources.computeIfAbsent(torrent.id, id -> new Source(torrent, files));
        source.urls.put(index, url);
        source.failures.remove(index);
        while (workers.size() < CONNECTIONS) {
            Thread t = new Thread(this::work, "engine-ranges-" + workers.size());
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        notifyAll();
    }

    /** No more ranges for these files (deselected, or fetched elsewhere). */
    synchronized void drop(String id, List<Integer> indexes) {
        Source source = sources.get(id);
        if (source != null) {
            indexes.forEach(source.urls::remove);
        }
    }

    /** The torrent left the session. */
    synchronized void forget(String id) {
        sources.remove(id);
    }

    /** libtorrent rejected a piece (hash mismatch); a file whose mirror keeps sending bad data is given up. */
    synchronized void hashFailed(String id, int piece) {
        Source source = sources.get(id);
        if (source != null) {
            int file = source.files.fileIndexAtPiece(piece);
            if (source.added.remove(piece) && source.urls.containsKey(file)) {
                failed(source, file, "piece " + piece + " did not match its hash");
            }
        }
    }

    synchronized void close() {
        closed = true;
        sources.clear();
        offers.shutdownNow();
        notifyAll();
    }

    private void work() {
        while (!closed) {
            Chunk chunk;
            synchronized (this) {
                chunk = next();
                if (chunk == null) {
                    try {
                        wait(IDLE_WAIT_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            try {
                fetch(chunk);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    failed(chunk.source, chunk.file, e.toString());
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                synchronized (this) {
                    for (int p = chunk.first; p <= chunk.last; p++) {
                        chunk.source.inFlight.remove(p);
                    }
                }
            }
        }
    }

    /** Call with the lock held. */
    private void failed(Source source, int file, String why) {
        int n = source.failures.merge(file, 1, Integer::sum);
        System.err.println("ranges: " + source.torrent.id + " file " + file + " from " + source.urls.get(file)
                + ": " + why + (n >= MAX_FAILURES ? " (given up)" : ""));
        if (n >= MAX_FAILURES) {
            source.urls.remove(file);
        }
    }

    /** A random run of wanted pieces that no connected peer has, or null. Call with the lock held. */
    private Chunk next() {
        List<Source> list = new ArrayList<>(sources.values());
        if (list.isEmpty()) {
            return null;
        }
        int start = ThreadLocalRandom.current().nextInt(list.size());
        for (int k = 0; k < list.size(); k++) {
            Source source = list.get((start + k) % list.size());
            Chunk chunk = next(source);
            if (chunk != null) {
                return chunk;
            }
        }
        return null;
    }

    private Chunk next(Source source) {
        TorrentHandle handle = source.torrent.handle;
        if (source.urls.isEmpty() || !handle.isValid()) {
            return null;
        }
        // Availability first, the session's own pieces only when some piece is nobody's: both cost a call into
        // libtorrent per piece, and once the swarm has everything this runs a few times a second for nothing.
        int[] availability = handle.pieceAvailability();
        FileStorage fs = source.files;
        List<int[]> candidates = new ArrayList<>();
        for (int file : source.urls.keySet()) {
            int first = fs.pieceIndexAtFile(file);
            int last = lastPiece(fs, file);
            for (int p = first; p <= last; p++) {
                if ((p >= availability.length || availability[p] == 0) && !source.inFlight.contains(p)) {
                    candidates.add(new int[] {file, p});
                }
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        PieceIndexBitfield have = handle.status(TorrentHandle.QUERY_PIECES).pieces();
        candidates.removeIf(c -> c[1] < have.size() && have.getBit(c[1]));
        if (candidates.isEmpty()) {
            return null;
        }
        int[] pick = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        int file = pick[0];
        int first = pick[1];
        int last = first;
        int fileLast = lastPiece(fs, file);
        long bytes = fs.pieceSize(first);
        while (last < fileLast && bytes + fs.pieceSize(last + 1) <= CHUNK_BYTES
                && wanted(source, availability, have, last + 1)) {
            last++;
            bytes += fs.pieceSize(last);
        }
        for (int p = first; p <= last; p++) {
            source.inFlight.add(p);
        }
        long offset = fs.fileOffset(file);
        long from = (long) first * fs.pieceLength() - offset;
        long to = Math.min((long) last * fs.pieceLength() + fs.pieceSize(last), offset + fs.fileSize(file)) - offset;
        return new Chunk(source, file, source.urls.get(file), first, last, from, to);
    }

    private static boolean wanted(Source source, int[] availability, PieceIndexBitfield have, int p) {
        return !source.inFlight.contains(p) && (p >= have.size() || !have.getBit(p))
                && (p >= availability.length || availability[p] == 0);
    }

    /**
     * The last piece of {@code file} that holds only its bytes and pad zeros: the file's last piece, unless the
     * bytes after the file in that piece belong to another real file (a torrent without BEP 47 padding).
     */
    private static int lastPiece(FileStorage fs, int file) {
        int last = fs.lastPieceIndexAtFile(file);
        long end = fs.fileOffset(file) + fs.fileSize(file);
        long pieceEnd = (long) last * fs.pieceLength() + fs.pieceSize(last);
        boolean tailIsPad = end == pieceEnd || (file + 1 < fs.numFiles() && fs.padFileAt(file + 1)
                && fs.fileOffset(file + 1) + fs.fileSize(file + 1) >= pieceEnd);
        return tailIsPad ? last : last - 1;
    }

    private void fetch(Chunk chunk) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(chunk.url).timeout(Duration.ofSeconds(30))
                .header("Range", "bytes=" + chunk.from + "-" + (chunk.to - 1)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            long skip;
            if (response.statusCode() == 206) {
                skip = 0;
            } else if (response.statusCode() == 200) {
                skip = chunk.from;
            } else {
                throw new IOException("HTTP " + response.statusCode());
            }
            in.skipNBytes(skip);
            FileStorage fs = chunk.source.files;
            TorrentHandle handle = chunk.source.torrent.handle;
            long fileEnd = fs.fileOffset(chunk.file) + fs.fileSize(chunk.file);
            long sinceCheck = 0;
            for (int p = chunk.first; p <= chunk.last; p++) {
                if (sinceCheck >= CHECK_BYTES) {
                    sinceCheck = 0;
                    if (!stillWanted(chunk.source, p)) {
                        return;
                    }
                }
                long pieceStart = (long) p * fs.pieceLength();
                byte[] piece = new byte[fs.pieceSize(p)];
                int n = (int) (Math.min(pieceStart + piece.length, fileEnd) - pieceStart);
                if (in.readNBytes(piece, 0, n) < n) {
                    throw new IOException("the body ended early");
                }
                if (closed || !handle.isValid()) {
                    return;
                }
                chunk.source.added.add(p);
                handle.addPiece(p, piece);
                chunk.source.torrent.httpBytes.addAndGet(n);
                sinceCheck += n;
            }
        }
    }

    private boolean stillWanted(Source source, int p) {
        TorrentHandle handle = source.torrent.handle;
        if (!handle.isValid() || handle.havePiece(p)) {
            return false;
        }
        int[] availability = handle.pieceAvailability();
        synchronized (this) {
            return source.urls.containsKey(source.files.fileIndexAtPiece(p))
                    && (p >= availability.length || availability[p] == 0);
        }
    }

    /**
     * Hands libtorrent the pieces of {@code torrent}'s file {@code index} from {@code file}, a complete copy
     * (fetched over HTTP by the parent and verified against the signed index), so that peers can have it now; on
     * a worker thread, in the order asked. Pieces libtorrent has already are skipped; a piece that does not match
     * its hash is dropped by libtorrent.
     */
    void offer(EngineTorrent torrent, FileStorage fs, int index, java.nio.file.Path file) {
        if (closed || index < 0 || index >= fs.numFiles() || fs.padFileAt(index)
                || fs.fileOffset(index) % fs.pieceLength() != 0) {
            return;
        }
        offers.execute(() -> {
            TorrentHandle handle = torrent.handle;
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                long fileEnd = fs.fileOffset(index) + fs.fileSize(index);
                int last = lastPiece(fs, index);
                for (int p = fs.pieceIndexAtFile(index); p <= last && !closed && handle.isValid(); p++) {
                    long pieceStart = (long) p * fs.pieceLength();
                    byte[] piece = new byte[fs.pieceSize(p)];
                    int n = (int) (Math.min(pieceStart + piece.length, fileEnd) - pieceStart);
                    if (in.readNBytes(piece, 0, n) < n) {
                        throw new IOException("shorter than the torrent says");
                    }
                    if (!handle.havePiece(p)) {
                        handle.addPiece(p, piece);
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("offer: " + torrent.id + " file " + index + " from " + file + ": " + e);
            }
        });
    }
}
