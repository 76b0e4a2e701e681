import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.RepositoryInfo;
import dev.peerget.fetch.http.DownloadRequest;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.model.PackageFormat;
import dev.peerget.repo.compress.Compression;
import dev.peerget.repo.deb.PackagesIndexParser;
import dev.peerget.repo.pgp.Keyring;
import dev.peerget.repo.pgp.SignatureVerifier;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times one phase of `peerget update` in isolation, in a fresh JVM (cold JIT, like the real command), through
 * peerget's own public classes. Run by phase-bench.sh: java -cp CLASSPATH bench/PhaseBench.java PHASE ARGS...
 * Prints "PHASE seconds detail".
 */
public final class PhaseBench {
    public static void main(String[] a) throws Exception {
        String phase = a[0];
        long t0 = System.nanoTime();
        String detail = switch (phase) {
            // download URL to FILE with peerget's HttpDownloader (java.net.http client)
            case "download" -> {
                try (HttpDownloader d = new HttpDownloader(Duration.ofSeconds(30), Duration.ofSeconds(30), 0)) {
                    d.fetch(new DownloadRequest(URI.create(a[1]), Path.of(a[2]), -1, null));
                }
                yield Files.size(Path.of(a[2])) + " bytes";
            }
            // SHA-256 of FILE, as IndexFetcher.verify does
            case "sha256" -> {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(Path.of(a[1]))) {
                    byte[] buf = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                    }
                }
                yield "ok";
            }
            // verify the InRelease clearsigned signatures with KEYRING
            case "pgp" -> {
                Keyring k = Keyring.load(List.of(Path.of(a[2])));
                var v = new SignatureVerifier().verifyClearsigned(Files.readAllBytes(Path.of(a[1])), k, a[1], Instant.now());
                yield v.text().length() + " chars verified";
            }
            // decompress FILE (by suffix) and drain
            case "decompress" -> {
                long total = 0;
                try (InputStream in = comp(a[1]).decompress(Files.newInputStream(Path.of(a[1])))) {
                    byte[] buf = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                    }
                }
                yield total + " bytes out";
            }
            // decompress + parse every stanza into PackageRecords, store nothing
            case "parse" -> {
                AtomicLong n = new AtomicLong();
                try (InputStream in = comp(a[1]).decompress(Files.newInputStream(Path.of(a[1])))) {
                    PackagesIndexParser.parse(in, a[1], r -> n.incrementAndGet());
                }
                yield n + " packages";
            }
            // decompress + parse + MetadataStore.replaceRepository into a fresh DB (what update does after download)
            case "store" -> {
                Path db = Path.of(a[2]);
                Files.deleteIfExists(db);
                long c;
                try (MetadataStore s = MetadataStore.open(db)) {
                    RepositoryInfo info = new RepositoryInfo("bench", PackageFormat.DEB, "bench", "http://x/", "bookworm",
                            500, 0, Instant.now(), null, null, "", "", "", "", "");
                    c = s.replaceRepository(info, sink -> {
                        try (InputStream in = comp(a[1]).decompress(Files.newInputStream(Path.of(a[1])))) {
                            PackagesIndexParser.parse(in, a[1], r -> sink.add("main", r));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).packageCount();
                }
                yield c + " packages stored";
            }
            // the FTS5 part alone: insert name/summary/description of every package of DB (made by "store")
            // into a fresh contentless fts5 table like peerget's, in one transaction
            case "fts" -> {
                Path out = Path.of(a[2]);
                Files.deleteIfExists(out);
                long n = 0;
                try (Connection src = DriverManager.getConnection("jdbc:sqlite:" + a[1]);
                     Connection c = DriverManager.getConnection("jdbc:sqlite:" + out)) {
                    try (Statement st = c.createStatement()) {
                        st.execute("PRAGMA journal_mode=WAL");
                        st.execute("PRAGMA synchronous=NORMAL");
                        st.execute("CREATE VIRTUAL TABLE package_fts USING fts5(name, summary, description, "
                                + "content='', contentless_delete=1)");
                    }
                    c.setAutoCommit(false);
                    // read everything first so that only the insert is timed
                    List<String[]> rows = new java.util.ArrayList<>();
                    try (Statement st = src.createStatement();
                         ResultSet rs = st.executeQuery("SELECT id, name, summary, description FROM packages")) {
                        while (rs.next()) {
                            rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                        }
                    }
                    t0 = System.nanoTime();
                    try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO package_fts(rowid, name, summary, description) VALUES(?,?,?,?)")) {
                        for (String[] r : rows) {
                            ins.setLong(1, Long.parseLong(r[0]));
                            ins.setString(2, r[1]);
                            ins.setString(3, r[2]);
                            ins.setString(4, r[3]);
                            ins.addBatch();
                            if (++n % 2000 == 0) {
                                ins.executeBatch();
                            }
                        }
                        ins.executeBatch();
                    }
                    c.commit();
                }
                yield n + " rows indexed";
            }
            default -> throw new IllegalArgumentException("unknown phase " + phase);
        };
        System.out.printf("%s %.3f %s%n", phase, (System.nanoTime() - t0) / 1e9, detail);
    }

    private static Compression comp(String file) {
        return Compression.fromFileName(file);
    }
}
