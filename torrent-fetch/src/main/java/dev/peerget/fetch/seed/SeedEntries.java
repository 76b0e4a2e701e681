package dev.peerget.fetch.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The torrents handed over to a {@link SeedDaemon}, as on disk in its {@code torrents/} directory (the authority:
 * a restarted daemon reads them back), and whether the daemon still takes hand-offs. Thread-safe: the control
 * socket adds, the daemon's loop reads, records uploads and drops.
 */
final class SeedEntries {
    private final Path torrentsDir;
    private final Consumer<String> log;
    private final Object lock = new Object();
    /** The torrents handed over, by info hash; written under {@link #lock}. */
    private final Map<String, SeedEntry> entries = new ConcurrentHashMap<>();
    /** Guarded by {@link #lock}, as are the fields below. */
    private Instant lastHandOff = Instant.now();
    private boolean exiting;
    /** Whether this daemon has had anything to seed. */
    private boolean hadEntries;

    SeedEntries(Path torrentsDir, Consumer<String> log) {
        this.torrentsDir = torrentsDir;
        this.log = log;
    }

    /** Reads the entries a daemon before this one left, deleting those that cannot be read. */
    void load() throws IOException {
        if (!Files.isDirectory(torrentsDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(torrentsDir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".seed"))::iterator) {
                try {
                    SeedEntry e = SeedEntry.read(f);
                    synchronized (lock) {
                        entries.put(e.infoHash(), e);
                        hadEntries = true;
                    }
                } catch (IOException e) {
                    log.accept("ignoring a broken entry: " + e.getMessage());
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The entries now. */
    List<SeedEntry> all() {
        return List.copyOf(entries.values());
    }

    /**
     * A hand-off: {@code e} merged into the entry of its torrent, if any, and written; false, and nothing
     * written, once {@link #closeIfDone} has closed.
     */
    boolean add(SeedEntry e) throws IOException {
        synchronized (lock) {
            if (exiting) {
                return false;
            }
            SeedEntry merged = entries.containsKey(e.infoHash()) ? entries.get(e.infoHash()).merge(e) : e;
            entries.put(merged.infoHash(), merged);
            merged.write(torrentsDir);
            hadEntries = true;
            lastHandOff = Instant.now();
        }
        return true;
    }

    /** Raises the upload recorded for {@code infoHash} to {@code uploaded}, if it is still handed over. */
    void recordUpload(String infoHash, long uploaded) throws IOException {
        synchronized (lock) {
            SeedEntry current = entries.get(infoHash);
            if (current != null) {
                SeedEntry updated = current.withUploaded(Math.max(current.uploaded(), uploaded));
                entries.put(updated.infoHash(), updated);
                updated.write(torrentsDir);
            }
        }
    }

    /** Drops the entry of {@code infoHash}, and its file. */
    void remove(String infoHash) throws IOException {
        synchronized (lock) {
            entries.remove(infoHash);
            Files.deleteIfExists(SeedEntry.fileIn(torrentsDir, infoHash));
        }
    }

    /**
     * Whether the daemon is done: everything handed over is retired, or no hand-off came since the start for
     * longer than {@code idle}. From then on {@link #add} refuses: a hand-off racing with the daemon's exit starts
     * a new daemon.
     */
    boolean closeIfDone(Duration idle) {
        synchronized (lock) {
            boolean idleLong = Duration.between(lastHandOff, Instant.now()).compareTo(idle) > 0;
            if (entries.isEmpty() && (hadEntries || idleLong)) {
                exiting = true;
                return true;
            }
            return false;
        }
    }
}
