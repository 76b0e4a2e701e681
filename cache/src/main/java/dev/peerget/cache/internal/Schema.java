package dev.peerget.cache.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates and checks the metadata database schema. Bump {@link #VERSION} when it changes: old caches are rebuilt. */
public final class Schema {
    /**
     * 5: the FTS5 table package_fts gave way to the plain table search (SearchWords). 6: search holds runs of
     * packages (SearchChunk); relations, provides and files lost their repo_id indexes (a repository's rows are
     * deleted through its package ids). 7: repositories keep the Release's Suite (archive). 8: obsoletes_reverse. 9:
     * repositories keep the Release's Version too (release_version, for apt-get -s's {@code Label:Version/Suite}). 10:
     * a package's encoded relations are the column packages.relations; the table relations is gone (58,000 rows fewer
     * to insert into a second B-tree for Debian's main), and the twelve columns from section to license are one, info
     * (PackageInfo). 11: a package's provides and files are also columns of its row (packages.provides,
     * packages.files), so that reading a package needs no lookups in those tables, which serve the searches by name.
     * 12: a Debian package's relations are stored as the index wrote them (RelationCodec, DebRelations). 13: the
     * summary and description are fields of info; the insert statements have the component and format as literals.
     */
    public static final int VERSION = 13;

    /**
     * The secondary indexes of the package tables. A load that replaces every package drops them first and makes
     * them again afterwards, in the same transaction (see {@link #dropIndexes}).
     */
    private static final String[] INDEXES = {
        "CREATE INDEX packages_name ON packages(name)",
        "CREATE INDEX packages_repo ON packages(repo_id)",
        "CREATE INDEX provides_name ON provides(name)",
        "CREATE INDEX provides_package ON provides(package_id)",
        "CREATE INDEX files_path ON files(path)",
        "CREATE INDEX files_package ON files(package_id)",
        "CREATE INDEX weak_reverse_name ON weak_reverse(name)",
        "CREATE INDEX weak_reverse_repo ON weak_reverse(repo_id)",
        "CREATE INDEX obsoletes_reverse_name ON obsoletes_reverse(name)",
        "CREATE INDEX obsoletes_reverse_repo ON obsoletes_reverse(repo_id)",
    };

    /** The tables that hold packages and what belongs to them, every row keyed by a package id. */
    public static final List<String> PACKAGE_TABLES = List.of("provides", "files", "weak_reverse",
            "obsoletes_reverse",
            "search", "packages");

    private static final String[] DDL = {
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE repositories(
          id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, format TEXT NOT NULL, name TEXT NOT NULL,
          base_uri TEXT NOT NULL, suite TEXT NOT NULL, priority INTEGER NOT NULL, cost INTEGER NOT NULL,
          updated_at INTEGER NOT NULL, index_date INTEGER, valid_until INTEGER, signer TEXT NOT NULL,
          origin TEXT NOT NULL, label TEXT NOT NULL, codename TEXT NOT NULL, revision TEXT NOT NULL,
          torrent_path TEXT, torrent_info_hash TEXT, torrent_name TEXT, archive TEXT NOT NULL DEFAULT '',
          release_version TEXT NOT NULL DEFAULT '')""",
        // info: the fields no query filters on, as one text (PackageInfo); relations: all of the package's
        // relations, encoded by RelationCodec (a package's relations are always read together), null when none;
        // provides and files: the package's rows of those tables joined as PackageRows reads them, null when none.
        """
        CREATE TABLE packages(
          id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL, component TEXT NOT NULL,
          name TEXT NOT NULL, version TEXT NOT NULL, arch TEXT NOT NULL, format TEXT NOT NULL,
          info TEXT NOT NULL, relations TEXT,
          provides TEXT, files TEXT)""",
        "CREATE TABLE provides(package_id INTEGER NOT NULL, repo_id INTEGER NOT NULL, name TEXT NOT NULL, version TEXT)",
        "CREATE TABLE files(package_id INTEGER NOT NULL, repo_id INTEGER NOT NULL, path TEXT NOT NULL)",
        // Reverse weak dependencies (RPM Supplements/Enhances): the names they mention, so the resolver can ask
        // "who supplements X" without decoding every package's relations.
        "CREATE TABLE weak_reverse(package_id INTEGER NOT NULL, repo_id INTEGER NOT NULL, name TEXT NOT NULL)",
        // The names RPM Obsoletes mention, so that an upgrade can ask "what obsoletes X" (dnf applies them).
        "CREATE TABLE obsoletes_reverse(package_id INTEGER NOT NULL, repo_id INTEGER NOT NULL, name TEXT NOT NULL)",
        "CREATE TABLE http_validators(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT)",
        // What search scans: the names, and the folded words of name, summary and description (SearchWords), of
        // runs of packages (SearchChunk). Its own narrow table, so that a search reads a few MB rather than every
        // package row.
        "CREATE TABLE search(id INTEGER PRIMARY KEY, data TEXT NOT NULL)",
    };

    private Schema() {
    }

    /** Whether the database has this schema version (reads only). */
    public static boolean isCurrent(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT value FROM meta WHERE key='schema'")) {
            return rs.next() && Integer.parseInt(rs.getString(1)) == VERSION;
        } catch (SQLException noTable) {
            return false;
        }
    }

    /** Creates the schema in an empty database, or recreates it when the stored version differs. */
    public static void ensure(Connection c) throws SQLException {
        if (isCurrent(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : new String[] {"package_fts", "search", "weak_reverse", "obsoletes_reverse", "files", "provides", "relations",
                    "packages", "repositories", "http_validators", "meta"}) {
                st.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String ddl : DDL) {
                st.execute(ddl);
            }
            for (String ddl : INDEXES) {
                st.execute(ddl);
            }
            st.execute("INSERT INTO meta(key, value) VALUES('schema', '" + VERSION + "')");
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /**
     * Drops the secondary indexes of the package tables, for a load that replaces all their rows: SQLite builds an
     * index over rows already there (one sort) for much less than it costs to update it row by row. Call
     * {@link #createIndexes} in the same transaction before committing.
     */
    public static void dropIndexes(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String ddl : INDEXES) {
                st.execute("DROP INDEX IF EXISTS " + ddl.split(" ")[2]);
            }
        }
    }

    /** Makes the indexes {@link #dropIndexes} dropped. */
    public static void createIndexes(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String ddl : INDEXES) {
                st.execute(ddl);
            }
        }
    }
}
