import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.RepositoryInfo;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.compress.Compression;
import dev.peerget.repo.deb.PackagesIndexParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The store of `peerget update` alone, with the CPU time of each of its two threads. Run by store-bench.sh.
 *
 * <pre>
 * java StoreBench cold INDEX DB               decompress + parse + MetadataStore.replaceRepository into a new DB,
 *                                            as update does; prints wall, writer (calling thread) and index
 *                                            reader thread CPU seconds
 * java StoreBench writer INDEX DB ROUNDS PAGE  parse first, then ROUNDS loads into new DBs created with PAGE-byte
 *                                            pages (the first round is not counted); prints the writer's CPU
 *                                            seconds per round
 * </pre>
 */
public final class StoreBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[1]);
        Path db = Path.of(a[2]);
        if (a[0].equals("cold")) {
            AtomicLong readerCpu = new AtomicLong();
            Thread watch = watchReader(readerCpu);
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            load(db, sink -> parse(index, r -> sink.add("main", r)));
            System.out.printf("cold wall %.3f writer %.3f reader %.3f%n", (System.nanoTime() - t0) / 1e9,
                    (THREADS.getCurrentThreadCpuTime() - c0) / 1e9, readerCpu.get() / 1e9);
            watch.interrupt();
        } else {
            List<PackageRecord> records = new ArrayList<>();
            parse(index, records::add);
            int rounds = Integer.parseInt(a[3]);
            int page = Integer.parseInt(a[4]);
            StringBuilder out = new StringBuilder("writer page " + page);
            for (int i = 0; i < rounds; i++) {
                Files.deleteIfExists(db);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                    st.execute("PRAGMA page_size=" + page); // fixed by the first table
                    st.execute("CREATE TABLE x(a)");
                    st.execute("DROP TABLE x");
                }
                long c0 = THREADS.getCurrentThreadCpuTime();
                load(db, sink -> records.forEach(r -> sink.add("main", r)));
                if (i > 0) {
                    out.append(String.format(" %.3f", (THREADS.getCurrentThreadCpuTime() - c0) / 1e9));
                }
            }
            System.out.println(out);
        }
    }

    private static void load(Path db, Consumer<dev.peerget.cache.PackageSink> filler) throws IOException {
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-journal"));
        try (MetadataStore s = MetadataStore.open(db)) {
            s.replaceRepository(new RepositoryInfo("bench", PackageFormat.DEB, "bench", "http://x/", "bookworm", 500, 0,
                    Instant.now(), null, null, "", "", "", "", ""), filler);
        }
    }

    private static void parse(Path index, Consumer<PackageRecord> sink) {
        try (InputStream in = Compression.fromFileName(index.toString()).decompress(Files.newInputStream(index))) {
            PackagesIndexParser.parse(in, index.toString(), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Samples the CPU time of the store's index reader thread until interrupted (the thread ends before). */
    private static Thread watchReader(AtomicLong cpu) {
        Thread t = new Thread(() -> {
            long id = -1;
            while (!Thread.currentThread().isInterrupted()) {
                for (Thread other : id < 0 ? Thread.getAllStackTraces().keySet() : List.<Thread>of()) {
                    if (other.getName().equals("peerget-index-reader")) {
                        id = other.getId();
                    }
                }
                long v = id < 0 ? -1 : THREADS.getThreadCpuTime(id);
                if (v > 0) {
                    cpu.set(v);
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
