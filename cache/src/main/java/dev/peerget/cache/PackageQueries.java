package dev.peerget.cache;

import dev.peerget.cache.internal.PackageRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package reads of a {@link MetadataStore}: the SELECT they start with, their statements, prepared once and kept
 * for the life of the store, and the reader of their rows. Not thread-safe, like the store; the store names the
 * errors.
 */
final class PackageQueries {
    private static final java.util.Comparator<StoredPackage> BY_ID = java.util.Comparator.comparingLong(StoredPackage::id);
    private final Connection connection;
    private PackageRows rows;
    /** Prepared package queries by SQL text (a few: search adds one per number of terms it is given). */
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    PackageQueries(Connection connection) {
        this.connection = connection;
    }

    static String select(boolean full) {
        return select(full, "");
    }

    static String select(boolean full, String extraColumns) {
        return full ? "SELECT " + PackageRows.FULL_COLUMNS + extraColumns + PackageRows.FROM_FULL
                : "SELECT " + PackageRows.COLUMNS + extraColumns + " FROM packages p";
    }

    /** The packages {@code sql} (a {@link #select}) selects with {@code args}, in its order. */
    List<StoredPackage> query(String sql, boolean full, String... args) throws SQLException {
        PreparedStatement st = statement(sql);
        for (int i = 0; i < args.length; i++) {
            st.setString(i + 1, args[i]);
        }
        PackageRows reader = rows();
        List<StoredPackage> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(reader.read(rs, full));
            }
        }
        return out;
    }

    /** See {@link MetadataStore#providers(Collection, boolean)}. */
    Map<String, List<StoredPackage>> providers(Collection<String> capabilities, boolean full) throws SQLException {
        Map<String, List<StoredPackage>> out = new LinkedHashMap<>();
        for (String c : capabilities) {
            out.put(c, new ArrayList<>());
        }
        if (out.isEmpty()) {
            return out;
        }
        // UNION ALL and no ORDER BY: SQLite would sort the rows, whole, in a temporary B-tree; the lists are put
        // in package order, and a package found by two routes (rpm's packages provide their own names) listed
        // once, below.
        String wanted = "(SELECT value FROM json_each(?1))";
        String sql = select(full, ", m.cap") + " JOIN (SELECT name AS cap, id AS pid FROM packages WHERE name IN " + wanted
                + " UNION ALL SELECT name, package_id FROM provides WHERE name IN " + wanted
                + " UNION ALL SELECT path, package_id FROM files WHERE path IN " + wanted + ") m ON p.id=m.pid";
        int capColumn = (full ? PackageRows.FULL_COLUMN_COUNT : PackageRows.COLUMN_COUNT) + 1;
        PreparedStatement st = statement(sql);
        st.setString(1, PackageRows.jsonArray(out.keySet()));
        PackageRows reader = rows();
        Map<Long, StoredPackage> read = new HashMap<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                StoredPackage p = read.get(rs.getLong(1));
                if (p == null) {
                    p = reader.read(rs, full);
                    read.put(p.id(), p);
                }
                out.get(rs.getString(capColumn)).add(p);
            }
        }
        for (List<StoredPackage> list : out.values()) {
            if (list.size() > 1) {
                list.sort(BY_ID);
                for (int i = list.size() - 1; i > 0; i--) {
                    if (list.get(i) == list.get(i - 1)) {
                        list.remove(i);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A prepared read statement, kept for the life of the store: the resolver asks for thousands of names one
     * by one, and preparing (parsing and planning) the statement each time cost more than running it.
     */
    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement st = statements.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            statements.put(sql, st);
        }
        return st;
    }

    PackageRows rows() {
        if (rows == null) {
            rows = new PackageRows();
        }
        return rows;
    }

    /** Closes the statements kept; the connection is the store's. */
    void close() throws SQLException {
        for (PreparedStatement st : statements.values()) {
            st.close();
        }
        statements.clear();
    }
}
