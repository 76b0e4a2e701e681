package dev.peerget.fetch.seed;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One torrent the seeding daemon serves: which files (each a verified file in the package cache), how much this
 * machine fetched of it (the ratio's denominator), how much it has uploaded so far and since when it seeds. The
 * daemon keeps one small properties file per torrent in its own directory, so a restarted daemon knows where it
 * was; the CLI hands entries over through the control socket ({@link #encode}), never through files.
 *
 * @param infoHash the torrent's info hash (hex), also the file's name
 * @param torrentFile the .torrent
 * @param files torrent file index → the verified file in the package cache holding its content
 * @param fetchedBytes bytes of the files this machine fetched (from peers or the mirror)
 * @param uploaded payload bytes uploaded so far, over every session
 * @param since when seeding started (or was renewed by another install)
 */
public record SeedEntry(String infoHash, Path torrentFile, Map<Integer, Path> files, long fetchedBytes,
        long uploaded, Instant since) {
    public SeedEntry {
        Objects.requireNonNull(infoHash, "infoHash");
        if (!infoHash.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not an info hash: " + infoHash);
        }
        Objects.requireNonNull(torrentFile, "torrentFile");
        files = Map.copyOf(new TreeMap<>(files));
        Objects.requireNonNull(since, "since");
    }

    /** Uploaded over fetched; infinite when nothing was fetched. */
    public double ratio() {
        return fetchedBytes == 0 ? Double.POSITIVE_INFINITY : (double) uploaded / fetchedBytes;
    }

    public SeedEntry withUploaded(long bytes) {
        return new SeedEntry(infoHash, torrentFile, files, fetchedBytes, bytes, since);
    }

    /** This entry joined by a newer hand-off of the same torrent: files united, bytes added, time renewed. */
    public SeedEntry merge(SeedEntry newer) {
        Map<Integer, Path> all = new TreeMap<>(files);
        all.putAll(newer.files);
        return new SeedEntry(infoHash, newer.torrentFile, all, fetchedBytes + newer.fetchedBytes,
                uploaded + newer.uploaded, newer.since);
    }

    static Path fileIn(Path dir, String infoHash) {
        return dir.resolve(infoHash + ".seed");
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("info_hash", infoHash);
        p.setProperty("torrent", torrentFile.toString());
        files.forEach((index, file) -> p.setProperty("file." + index, file.toString()));
        p.setProperty("fetched_bytes", Long.toString(fetchedBytes));
        p.setProperty("uploaded", Long.toString(uploaded));
        p.setProperty("since", since.toString());
        return p;
    }

    private static SeedEntry of(Properties p, String source) throws IOException {
        try {
            Map<Integer, Path> files = new TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("file.")) {
                    files.put(Integer.parseInt(key.substring(5)), Path.of(p.getProperty(key)));
                }
            }
            return new SeedEntry(p.getProperty("info_hash"), Path.of(p.getProperty("torrent")), files,
                    Long.parseLong(p.getProperty("fetched_bytes")), Long.parseLong(p.getProperty("uploaded")),
                    Instant.parse(p.getProperty("since")));
        } catch (RuntimeException e) {
            throw new IOException(source + ": not a seeding entry (" + e.getMessage() + ")", e);
        }
    }

    /** One line (base64 of the properties) for the control socket's ADD. */
    public String encode() {
        StringWriter w = new StringWriter();
        try {
            properties().store(w, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(w.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static SeedEntry decode(String line) throws IOException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(Base64.getDecoder().decode(line.strip()), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a seeding entry: " + e.getMessage(), e);
        }
        return of(p, "hand-off");
    }

    /** Writes the entry atomically into {@code dir} (the daemon's own directory). */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + infoHash + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties().store(w, "peerget seeding entry");
        }
        Files.move(tmp, fileIn(dir, infoHash), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static SeedEntry read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return of(p, file.toString());
    }
}
