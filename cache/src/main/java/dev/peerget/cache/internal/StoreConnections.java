package dev.peerget.cache.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The two ways the metadata database is opened: read-write (created and brought to this schema when needed),
 * and read-only for a user who may not write it.
 */
public final class StoreConnections {
    /** The page cache of every connection, in KiB as PRAGMA cache_size takes it (negative). */
    private static final int CACHE_KIB = -65536;
    /** The page cache while a load replaces every package ({@link #cacheForLoad}). */
    private static final int WHOLESALE_LOAD_CACHE_KIB = -8192;

    private StoreConnections() {
    }

    /**
     * Starts sqlite-jdbc on a daemon thread of its own: the JDBC driver's registration, the native library's load,
     * and the date formatters every connection's configuration builds (java.util.Calendar's locale data), by
     * opening and closing an in-memory database. A command that calls this before parsing its command line finds
     * all of that done when it opens the store: about 40 ms of the main thread on a 2-core machine, moved to the
     * core that is idle while the JVM starts. Failures are left for the real open to report.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                    Statement st = c.createStatement()) {
                st.execute("PRAGMA user_version");
            } catch (SQLException | RuntimeException | LinkageError e) {
                // the store's own open reports what is wrong
            }
        }, "peerget-sqlite-warmup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A read-write connection to {@code file}, creating it and its schema when needed; empty (and nothing left
     * open or changed) when the file holds another schema version and {@code rebuild} is false. With
     * {@code rebuild}, such a database is emptied and gets this schema.
     */
    public static Optional<Connection> readWrite(Path file, boolean rebuild) throws SQLException, IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            // Takes effect only when the file is created (an existing database keeps its page size). A first load
            // of Debian's 63,000 packages costs the writer thread ~6% less CPU with 16 KiB pages than with 4 KiB
            // (a quarter of the pages to split, write and sync; docs/benchmarks.md).
            st.execute("PRAGMA page_size=16384");
            // The rollback journal, not WAL: users without write access must be able to read the database
            // (apt-cache works for every user), and a WAL database needs its shared-memory file created or
            // written by every reader. A load writes new pages once (no log plus checkpoint); readers wait
            // (busy_timeout) only while an update commits. Also turns a database an older peerget left in
            // WAL mode back.
            st.execute("PRAGMA journal_mode=DELETE");
            st.execute("PRAGMA synchronous=NORMAL");
            st.execute("PRAGMA foreign_keys=OFF");
            cacheSettings(st);
        }
        if (!rebuild && Files.exists(file) && Files.size(file) > 0 && !Schema.isCurrent(c)) {
            c.close();
            return Optional.empty();
        }
        Schema.ensure(c);
        return Optional.of(c);
    }

    /**
     * A read-only connection to {@code file}, which writes nothing, not even the schema; empty (and nothing left
     * open) when the file holds another schema version.
     */
    public static Optional<Connection> readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10000);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            cacheSettings(st);
        }
        if (!Schema.isCurrent(c)) {
            c.close();
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /**
     * A repository load touches ~60 MB of pages and indexes in random order; SQLite's default 2 MB page cache
     * makes it spill and re-read them. Memory is only taken as pages are used.
     */
    private static void cacheSettings(Statement st) throws SQLException {
        st.execute("PRAGMA cache_size=" + CACHE_KIB);
        st.execute("PRAGMA temp_store=MEMORY");
    }

    /**
     * Sets the page cache for a load that replaces every package ({@code wholesale}), or back to the usual size.
     * Such a load appends its rows in order and makes the indexes afterwards (Schema), so it re-reads no page it
     * wrote: with 8 MiB of cache SQLite writes the pages out as the load goes, instead of allocating 50 MB of
     * buffers (fresh memory, faulted in page by page) and writing them all at commit, while the other core idles.
     * Measured on Debian's main, 20 interleaved runs: the index build 66 to 57 ms, the commit 50 to 30 ms, the
     * load itself unchanged (docs/benchmarks.md).
     */
    public static void cacheForLoad(Connection c, boolean wholesale) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA cache_size=" + (wholesale ? WHOLESALE_LOAD_CACHE_KIB : CACHE_KIB));
        }
    }
}
