package dev.peerget.cache.internal;

import dev.peerget.cache.RepositoryInfo;
import dev.peerget.cache.StoredRepository;
import dev.peerget.cache.TorrentRef;
import dev.peerget.model.PackageFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads and writes rows of the {@code repositories} table. Stateless. */
public final class RepositoryRows {
    private RepositoryRows() {
    }

    /** Inserts or updates the row of {@code info.key()} and returns its id. */
    public static long upsert(Connection connection, RepositoryInfo info) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("""
                INSERT INTO repositories(key, format, name, base_uri, suite, priority, cost, updated_at, index_date,
                  valid_until, signer, origin, label, codename, revision, torrent_path, torrent_info_hash,
                  torrent_name, archive, release_version) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT(key) DO UPDATE SET format=excluded.format, name=excluded.name,
                  base_uri=excluded.base_uri, suite=excluded.suite, priority=excluded.priority, cost=excluded.cost,
                  updated_at=excluded.updated_at, index_date=excluded.index_date, valid_until=excluded.valid_until,
                  signer=excluded.signer, origin=excluded.origin, label=excluded.label, codename=excluded.codename,
                  revision=excluded.revision, torrent_path=excluded.torrent_path,
                  torrent_info_hash=excluded.torrent_info_hash, torrent_name=excluded.torrent_name,
                  archive=excluded.archive, release_version=excluded.release_version""")) {
            st.setString(1, info.key());
            st.setString(2, info.format().id());
            st.setString(3, info.name());
            st.setString(4, info.baseUri());
            st.setString(5, info.suite());
            st.setInt(6, info.priority());
            st.setInt(7, info.cost());
            st.setLong(8, info.updatedAt().getEpochSecond());
            setInstant(st, 9, info.indexDate());
            setInstant(st, 10, info.validUntil());
            st.setString(11, info.signer());
            st.setString(12, info.origin());
            st.setString(13, info.label());
            st.setString(14, info.codename());
            st.setString(15, info.revision());
            TorrentRef torrent = info.torrent().orElse(null);
            st.setString(16, torrent == null ? null : torrent.file().toString());
            st.setString(17, torrent == null ? null : torrent.infoHash());
            st.setString(18, torrent == null ? null : torrent.name());
            st.setString(19, info.archive());
            st.setString(20, info.releaseVersion());
            st.executeUpdate();
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT id FROM repositories WHERE key=?")) {
            st.setString(1, info.key());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void setInstant(PreparedStatement st, int index, Instant value) throws SQLException {
        if (value == null) {
            st.setNull(index, java.sql.Types.INTEGER);
        } else {
            st.setLong(index, value.getEpochSecond());
        }
    }

    /** Repositories matching {@code where} (an SQL suffix with at most one parameter, {@code arg}). */
    public static List<StoredRepository> query(Connection connection, String where, String arg) throws SQLException {
        String sql = "SELECT r.id, r.key, r.format, r.name, r.base_uri, r.suite, r.priority, r.cost, r.updated_at, "
                + "r.index_date, r.valid_until, r.signer, r.origin, r.label, r.codename, r.revision, "
                + "(SELECT count(*) FROM packages p WHERE p.repo_id=r.id), r.torrent_path, r.torrent_info_hash, "
                + "r.torrent_name, r.archive, r.release_version FROM repositories r" + where + " ORDER BY r.id";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            if (arg != null) {
                st.setString(1, arg);
            }
            List<StoredRepository> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    RepositoryInfo info = new RepositoryInfo(rs.getString(2),
                            PackageFormat.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8),
                            Instant.ofEpochSecond(rs.getLong(9)), instant(rs, 10), instant(rs, 11), rs.getString(12),
                            rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                            torrent(rs), rs.getString(21), rs.getString(22));
                    out.add(new StoredRepository(rs.getLong(1), info, rs.getLong(17)));
                }
            }
            return out;
        }
    }

    /** Columns 18-20: the torrent, all null when the repository publishes none. */
    private static Optional<TorrentRef> torrent(ResultSet rs) throws SQLException {
        String path = rs.getString(18);
        return path == null ? Optional.empty()
                : Optional.of(new TorrentRef(Path.of(path), rs.getString(19), rs.getString(20)));
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : Instant.ofEpochSecond(v);
    }

    /** Whether a repository other than {@code repoId} has stored packages. */
    public static boolean othersHavePackages(Connection connection, long repoId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM repositories r WHERE r.id<>?"
                + " AND EXISTS(SELECT 1 FROM packages p WHERE p.repo_id=r.id) LIMIT 1")) {
            st.setLong(1, repoId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Deletes the packages of {@code repoId} and every row that hangs off them. Only weak_reverse and obsoletes_reverse
     * are deleted by their repo_id; the other tables through the package ids (their package_id keys or indexes serve that, so a load
     * does not build a repo_id index for each; a search row is keyed by its first package's id).
     */
    public static void deletePackages(Connection connection, long repoId) throws SQLException {
        for (String table : new String[] {"weak_reverse", "obsoletes_reverse"}) {
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + table + " WHERE repo_id=?")) {
                del.setLong(1, repoId);
                del.executeUpdate();
            }
        }
        for (String table : new String[] {"provides", "files", "search"}) {
            String key = table.equals("search") ? "id" : "package_id";
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + table + " WHERE " + key
                    + " IN (SELECT id FROM packages WHERE repo_id=?)")) {
                del.setLong(1, repoId);
                del.executeUpdate();
            }
        }
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM packages WHERE repo_id=?")) {
            del.setLong(1, repoId);
            del.executeUpdate();
        }
    }
}
