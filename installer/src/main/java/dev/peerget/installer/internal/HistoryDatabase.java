package dev.peerget.installer.internal;

import dev.peerget.installer.Action;
import dev.peerget.installer.Change;
import dev.peerget.installer.HistoryEntry;
import dev.peerget.installer.InstallerException;
import dev.peerget.installer.Requester;
import dev.peerget.installer.ToolRun;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The transaction history of a root, {@code <stateDir>/history.sqlite}: one row per transaction, per package
 * change and per dpkg/rpm run (schema in {@code docs/installer.md}). Every write is its own SQLite
 * transaction, so a killed installer leaves everything up to its last completed step. Writers hold the root
 * lock; readers may read at any time (WAL). One instance per thread.
 */
public final class HistoryDatabase implements AutoCloseable {
    private static final int SCHEMA_VERSION = 2;
    private static final String FILE_NAME = "history.sqlite";

    private final Path file;
    private final Connection connection;

    private HistoryDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Where a root's history lives. */
    public static Path fileOf(Layout layout) {
        return layout.stateDir().resolve(FILE_NAME);
    }

    /** Opens (and creates, with its directory) the history database of {@code layout}. */
    public static HistoryDatabase open(Layout layout) {
        Path file = fileOf(layout);
        try {
            Files.createDirectories(file.getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA journal_mode=WAL");
                // FULL: a record of what was done to the system should survive a power cut, and there are few writes.
                st.execute("PRAGMA synchronous=FULL");
                int version;
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version > SCHEMA_VERSION) {
                    c.close();
                    throw new InstallerException("history database " + file + " has schema version " + version
                            + ", newer than this peerget understands (" + SCHEMA_VERSION + ")",
                            "use the peerget version that wrote it, or move the file away");
                }
                if (version == 0) {
                    createSchema(st);
                } else if (version < SCHEMA_VERSION) {
                    upgradeSchema(st);
                }
            }
            return new HistoryDatabase(file, c);
        } catch (IOException | SQLException e) {
            throw failure("open", file, e);
        }
    }

    private static void createSchema(Statement st) throws SQLException {
        st.execute("""
                CREATE TABLE IF NOT EXISTS transactions (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  started_ms INTEGER NOT NULL,
                  ended_ms INTEGER,
                  uid INTEGER NOT NULL,
                  user TEXT NOT NULL,
                  pid INTEGER NOT NULL,
                  command_line TEXT NOT NULL,
                  format TEXT NOT NULL,
                  outcome TEXT NOT NULL)""");
        st.execute("""
                CREATE TABLE IF NOT EXISTS runs (
                  transaction_id INTEGER NOT NULL REFERENCES transactions(id),
                  seq INTEGER NOT NULL,
                  command TEXT NOT NULL,
                  exit_code INTEGER NOT NULL,
                  output_tail TEXT NOT NULL,
                  PRIMARY KEY (transaction_id, seq))""");
        st.execute("""
                CREATE TABLE IF NOT EXISTS changes (
                  transaction_id INTEGER NOT NULL REFERENCES transactions(id),
                  seq INTEGER NOT NULL,
                  action TEXT NOT NULL,
                  name TEXT NOT NULL,
                  arch TEXT NOT NULL,
                  old_version TEXT,
                  new_version TEXT,
                  automatic INTEGER NOT NULL,
                  result TEXT NOT NULL,
                  run_seq INTEGER,
                  prior TEXT,
                  PRIMARY KEY (transaction_id, seq))""");
        st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
    }

    /**
     * Version 1 to 2: {@code changes.prior}, what a package was before (with its mark), null in the entries
     * written before. In one write transaction that checks the version again, as another process may have
     * upgraded the file meanwhile.
     */
    private static void upgradeSchema(Statement st) throws SQLException {
        st.execute("BEGIN IMMEDIATE");
        try {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version == 1) {
                st.execute("ALTER TABLE changes ADD COLUMN prior TEXT");
                st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            }
            st.execute("COMMIT");
        } catch (SQLException e) {
            st.execute("ROLLBACK");
            throw e;
        }
    }

    /** Records the start of a transaction with every change pending; returns its id. */
    public long begin(Instant started, Requester requester, String commandLine, PackageFormat format,
                      List<Change> changes) {
        try {
            connection.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO transactions (started_ms, uid, user, pid, command_line, format, outcome)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, started.toEpochMilli());
                ps.setInt(2, requester.uid());
                ps.setString(3, requester.user());
                ps.setLong(4, ProcessHandle.current().pid());
                ps.setString(5, commandLine);
                ps.setString(6, format.id());
                ps.setString(7, word(HistoryEntry.Outcome.RUNNING));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO changes (transaction_id, seq, action, name, arch, old_version, new_version,"
                            + " automatic, result, run_seq, prior) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
                for (int i = 0; i < changes.size(); i++) {
                    Change c = changes.get(i);
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, word(c.action()));
                    ps.setString(4, c.name());
                    ps.setString(5, c.arch());
                    ps.setString(6, c.oldVersion());
                    ps.setString(7, c.newVersion());
                    ps.setInt(8, c.automatic() ? 1 : 0);
                    ps.setString(9, word(c.result()));
                    ps.setString(10, word(c.prior()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
            return id;
        } catch (SQLException e) {
            rollback();
            throw failure("write", file, e);
        } finally {
            autoCommit();
        }
    }

    /** Records the run number {@code seq} (0-based) of transaction {@code id}. */
    public void addRun(long id, int seq, ToolRun run) {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO runs (transaction_id, seq, command, exit_code, output_tail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setInt(2, seq);
            ps.setString(3, CommandText.join(run.command()));
            ps.setInt(4, run.exitCode());
            ps.setString(5, run.outputTail());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", file, e);
        }
    }

    /** Stores every change's result and run (an index into the runs, or null) and the transaction's end. */
    public void finish(long id, Instant ended, HistoryEntry.Outcome outcome, List<Change> changes,
                       List<Integer> runSeqs) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE changes SET result = ?, run_seq = ? WHERE transaction_id = ? AND seq = ?")) {
                for (int i = 0; i < changes.size(); i++) {
                    ps.setString(1, word(changes.get(i).result()));
                    if (runSeqs.get(i) == null) {
                        ps.setNull(2, Types.INTEGER);
                    } else {
                        ps.setInt(2, runSeqs.get(i));
                    }
                    ps.setLong(3, id);
                    ps.setInt(4, i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE transactions SET ended_ms = ?, outcome = ? WHERE id = ?")) {
                ps.setLong(1, ended.toEpochMilli());
                ps.setString(2, word(outcome));
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw failure("write", file, e);
        } finally {
            autoCommit();
        }
    }

    /**
     * Marks every transaction still recorded as running as interrupted and returns their ids. Only the holder of
     * the root lock may call this: no transaction of the root can be running then.
     */
    public List<Long> markRunningInterrupted() {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM transactions WHERE outcome = ?")) {
            ps.setString(1, word(HistoryEntry.Outcome.RUNNING));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            try (PreparedStatement up = connection.prepareStatement(
                    "UPDATE transactions SET outcome = ? WHERE outcome = ?")) {
                up.setString(1, word(HistoryEntry.Outcome.INTERRUPTED));
                up.setString(2, word(HistoryEntry.Outcome.RUNNING));
                up.executeUpdate();
            }
            return ids;
        } catch (SQLException e) {
            throw failure("write", file, e);
        }
    }

    /** Every transaction, newest first. */
    public List<HistoryEntry> list() {
        return query("SELECT * FROM transactions ORDER BY id DESC", null);
    }

    public Optional<HistoryEntry> get(long id) {
        return query("SELECT * FROM transactions WHERE id = ?", id).stream().findFirst();
    }

    private List<HistoryEntry> query(String sql, Long id) {
        List<HistoryEntry> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", file, e);
        }
    }

    private HistoryEntry entry(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        long endedMs = rs.getLong("ended_ms");
        Instant ended = rs.wasNull() ? null : Instant.ofEpochMilli(endedMs);
        HistoryEntry.Outcome outcome = HistoryEntry.Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT));
        if (outcome == HistoryEntry.Outcome.RUNNING
                && !ProcessHandle.of(rs.getLong("pid")).map(ProcessHandle::isAlive).orElse(false)) {
            outcome = HistoryEntry.Outcome.INTERRUPTED; // its process is gone; the next installer run marks it so
        }
        List<ToolRun> runs = runs(id);
        return new HistoryEntry(id, Instant.ofEpochMilli(rs.getLong("started_ms")), ended, rs.getInt("uid"),
                rs.getString("user"), rs.getString("command_line"),
                PackageFormat.valueOf(rs.getString("format").toUpperCase(Locale.ROOT)), outcome, changes(id, runs),
                runs);
    }

    private List<ToolRun> runs(long id) throws SQLException {
        List<ToolRun> runs = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT command, exit_code, output_tail FROM runs WHERE transaction_id = ? ORDER BY seq")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new ToolRun(CommandText.split(rs.getString(1)), rs.getInt(2), rs.getString(3)));
                }
            }
        }
        return runs;
    }

    private List<Change> changes(long id, List<ToolRun> runs) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT action, name, arch, old_version, new_version, automatic, result, run_seq, prior"
                        + " FROM changes WHERE transaction_id = ? ORDER BY seq")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int runSeq = rs.getInt(8);
                    ToolRun run = rs.wasNull() || runSeq >= runs.size() ? null : runs.get(runSeq);
                    String prior = rs.getString(9); // null in entries of schema 1: derived from old_version
                    changes.add(new Change(Action.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6) != 0, Change.Result.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)), run,
                            prior == null ? null : Change.Prior.valueOf(prior.toUpperCase(Locale.ROOT))));
                }
            }
        }
        return changes;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", file, e);
        }
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the write already failed; that is the error to report
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // only fails on a closed connection, and then every later call reports it
        }
    }

    private static InstallerException failure(String what, Path file, Exception e) {
        return new InstallerException("cannot " + what + " the transaction history " + file + ": " + e.getMessage(),
                "check that the disk is not full and the file is not damaged (sqlite3 " + file
                        + " 'PRAGMA integrity_check')", e);
    }
}
