package dev.peerget.fetch.seed;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One torrent the seeding daemon serves: which files, how much this machine fetched of it (the ratio's
 * denominator), how much it has uploaded so far and since when it seeds. Kept as a small properties file per
 * torrent in the daemon's {@code torrents/} directory, so a restarted daemon knows where it was.
 *
 * @param infoHash the torrent's info hash (hex), also the file's name
 * @param torrentFile the .torrent
 * @param saveDir the directory holding {@code name/path} of the files
 * @param fileIndexes the files present and verified, torrent indexes
 * @param fetchedBytes bytes of the files this machine fetched (from peers or the mirror)
 * @param uploaded payload bytes uploaded so far, over every session
 * @param since when seeding started (or was renewed by another install)
 */
public record SeedEntry(String infoHash, Path torrentFile, Path saveDir, List<Integer> fileIndexes,
        long fetchedBytes, long uploaded, Instant since) {
    public SeedEntry {
        Objects.requireNonNull(infoHash, "infoHash");
        if (!infoHash.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not an info hash: " + infoHash);
        }
        Objects.requireNonNull(torrentFile, "torrentFile");
        Objects.requireNonNull(saveDir, "saveDir");
        fileIndexes = List.copyOf(new TreeSet<>(fileIndexes));
        Objects.requireNonNull(since, "since");
    }

    /** Uploaded over fetched; infinite when nothing was fetched. */
    public double ratio() {
        return fetchedBytes == 0 ? Double.POSITIVE_INFINITY : (double) uploaded / fetchedBytes;
    }

    public SeedEntry withUploaded(long bytes) {
        return new SeedEntry(infoHash, torrentFile, saveDir, fileIndexes, fetchedBytes, bytes, since);
    }

    /** This entry joined by a newer hand-off of the same torrent: files united, bytes added, time renewed. */
    public SeedEntry merge(SeedEntry newer) {
        TreeSet<Integer> files = new TreeSet<>(fileIndexes);
        files.addAll(newer.fileIndexes);
        return new SeedEntry(infoHash, newer.torrentFile, newer.saveDir, List.copyOf(files),
                fetchedBytes + newer.fetchedBytes, uploaded + newer.uploaded, newer.since);
    }

    /**
     * Read-modify-write of one entry under a lock on {@code dir/.lock}, which the daemon and every CLI share:
     * {@code change} gets the entry on disk (null when there is none) and returns the new one (null deletes it).
     */
    static void update(Path dir, String infoHash, java.util.function.UnaryOperator<SeedEntry> change)
            throws IOException {
        Files.createDirectories(dir);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock lock = ch.lock()) {
            Path file = fileIn(dir, infoHash);
            SeedEntry updated = change.apply(Files.exists(file) ? read(file) : null);
            if (updated == null) {
                Files.deleteIfExists(file);
            } else {
                updated.write(dir);
            }
        }
    }

    static Path fileIn(Path dir, String infoHash) {
        return dir.resolve(infoHash + ".seed");
    }

    /** Writes the entry atomically into {@code dir}. */
    public void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("info_hash", infoHash);
        p.setProperty("torrent", torrentFile.toString());
        p.setProperty("save_dir", saveDir.toString());
        p.setProperty("files", fileIndexes.stream().map(String::valueOf).collect(Collectors.joining(",")));
        p.setProperty("fetched_bytes", Long.toString(fetchedBytes));
        p.setProperty("uploaded", Long.toString(uploaded));
        p.setProperty("since", since.toString());
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + infoHash + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "peerget seeding entry");
        }
        Files.move(tmp, fileIn(dir, infoHash), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static SeedEntry read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            String files = p.getProperty("files", "");
            return new SeedEntry(p.getProperty("info_hash"), Path.of(p.getProperty("torrent")),
                    Path.of(p.getProperty("save_dir")),
                    files.isEmpty() ? List.of() : Arrays.stream(files.split(",")).map(Integer::valueOf).toList(),
                    Long.parseLong(p.getProperty("fetched_bytes")), Long.parseLong(p.getProperty("uploaded")),
                    Instant.parse(p.getProperty("since")));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a seeding entry (" + e.getMessage() + ")", e);
        }
    }
}
