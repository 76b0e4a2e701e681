package dev.peerget.cache;

import dev.peerget.cache.internal.PackageRows;
import dev.peerget.cache.internal.PackageWriter;
import dev.peerget.cache.internal.PipelinedLoad;
import dev.peerget.cache.internal.RepositoryRows;
import dev.peerget.cache.internal.Schema;
import dev.peerget.cache.internal.SearchQuery;
import dev.peerget.cache.internal.StoreConnections;
import dev.peerget.cache.internal.ValidatorRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * peerget's metadata database for one root (an SQLite file). Not thread-safe: use one instance per thread;
 * several processes may use the same file, readers never see a half-replaced repository.
 */
public final class MetadataStore implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final PackageQueries queries;

    private MetadataStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.queries = new PackageQueries(connection);
    }

    /** Starts sqlite-jdbc in the background, so that a store opened soon after opens faster (StoreConnections). */
    public static void warmUp() {
        StoreConnections.warmUp();
    }

    /**
     * Opens (creating when needed) the database at {@code file} for {@code update}: a database of another
     * schema version (an older peerget's) is emptied and rebuilt by the load that follows.
     */
    public static MetadataStore open(Path file) {
        return open(file, true);
    }

    /**
     * Opens the database at {@code file} read-write for everything but {@code update}: a database of another
     * schema version is left as it is and is an error that says to update, rather than an empty cache in which
     * no package is found.
     */
    public static MetadataStore openForUse(Path file) {
        return open(file, false);
    }

    private static MetadataStore open(Path file, boolean rebuild) {
        try {
            Connection c = StoreConnections.readWrite(file, rebuild).orElseThrow(() -> new CacheException("the "
                    + "metadata database " + file + " was written by another version of peerget",
                    "run 'peerget update' to store the repositories' metadata again", null));
            return new MetadataStore(file, c);
        } catch (SQLException | IOException e) {
            throw new CacheException("cannot open the metadata database " + file + ": " + e.getMessage(),
                    "check that the directory is writable, or remove the file to rebuild it with 'peerget update'", e);
        }
    }

    /**
     * Opens the database at {@code file} for reading only, for a user who may not write it (queries, plans,
     * downloads by a user other than the one who updates). Nothing is written, not even the schema: a database
     * from another schema version is an error that says to update.
     */
    public static MetadataStore openReadOnly(Path file) {
        String hint = "run 'peerget update' as a user who may write " + file.getParent();
        if (!Files.isRegularFile(file)) {
            throw new CacheException("no metadata has been stored in " + file + " yet", hint, null);
        }
        try {
            Connection c = StoreConnections.readOnly(file).orElseThrow(() -> new CacheException("the metadata "
                    + "database " + file + " was written by another version of peerget", hint, null));
            return new MetadataStore(file, c);
        } catch (SQLException e) {
            throw new CacheException("cannot read the metadata database " + file + ": " + e.getMessage(), hint, e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * Replaces everything stored for {@code info.key()} with the packages {@code filler} adds, in one
     * transaction. When {@code filler} throws, the previous metadata stays untouched and the exception propagates.
     * {@code filler} runs on a thread of its own, overlapping the inserts (see PipelinedLoad); it must not
     * use this store.
     */
    public StoredRepository replaceRepository(RepositoryInfo info, Consumer<PackageSink> filler) {
        try {
            connection.setAutoCommit(false);
            try {
                long repoId = RepositoryRows.upsert(connection, info);
                // When this repository holds every stored package (one configured repository, or the first load),
                // its rows are replaced wholesale: the tables are emptied at once and the indexes made after the
                // load instead of being updated row by row. Still one transaction: a failure restores all of it.
                boolean everything = !RepositoryRows.othersHavePackages(connection, repoId);
                if (everything) {
                    StoreConnections.cacheForLoad(connection, true);
                    Schema.dropIndexes(connection);
                    try (Statement st = connection.createStatement()) {
                        for (String table : Schema.PACKAGE_TABLES) {
                            st.execute("DELETE FROM " + table);
                        }
                    }
                } else {
                    RepositoryRows.deletePackages(connection, repoId);
                }
                long count;
                try (PackageWriter writer = new PackageWriter(connection, repoId)) {
                    PipelinedLoad.run(filler, writer);
                    writer.flush();
                    count = writer.count();
                }
                if (everything) {
                    Schema.createIndexes(connection);
                }
                connection.commit();
                return new StoredRepository(repoId, info, count);
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                StoreConnections.cacheForLoad(connection, false);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Records that {@code key}'s metadata was confirmed unchanged at {@code at} (an apt "Hit"). */
    public void markUpdated(String key, Instant at) {
        try (PreparedStatement st = connection.prepareStatement("UPDATE repositories SET updated_at=? WHERE key=?")) {
            st.setLong(1, at.getEpochSecond());
            st.setString(2, key);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Drops a repository that is no longer configured, with its packages. */
    public void removeRepository(String key) {
        Optional<StoredRepository> repo = repository(key);
        if (repo.isEmpty()) {
            return;
        }
        replaceRepository(repo.get().info(), sink -> { });
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM repositories WHERE key=?")) {
            st.setString(1, key);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Every stored repository, in row order. */
    public List<StoredRepository> repositories() {
        return queryRepositories("", null);
    }

    public Optional<StoredRepository> repository(String key) {
        return queryRepositories(" WHERE r.key=?", key).stream().findFirst();
    }

    private List<StoredRepository> queryRepositories(String where, String arg) {
        try {
            return RepositoryRows.query(connection, where, arg);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** All packages called exactly {@code name}, with relations when {@code full}. */
    public List<StoredPackage> packagesNamed(String name, boolean full) {
        return queryPackages(PackageQueries.select(full) + " WHERE p.name=? ORDER BY p.id", full, name);
    }

    /**
     * Packages that provide {@code capability}: by name, through a provide, or (for an absolute path) by
     * shipping that file.
     */
    public List<StoredPackage> providers(String capability, boolean full) {
        // A UNION of three index lookups: with ORs SQLite scans the whole packages table.
        return queryPackages(PackageQueries.select(full) + " WHERE p.id IN ("
                + "SELECT id FROM packages WHERE name=?1 UNION SELECT package_id FROM provides WHERE name=?1"
                + " UNION SELECT package_id FROM files WHERE path=?1) ORDER BY p.id", full, capability);
    }

    /**
     * {@link #providers(String, boolean)} of many capabilities in one statement (the resolver asks for thousands
     * of names, and each statement costs more in the JDBC layer than in SQLite). Every capability asked for is a
     * key of the result, with an empty list when nothing provides it; a package providing several of them is
     * read once and listed under each.
     */
    public Map<String, List<StoredPackage>> providers(Collection<String> capabilities, boolean full) {
        try {
            return queries.providers(capabilities, full);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Packages matching every term: a term matches when the package name contains it, or a word of the name,
     * summary or description starts with it (names only with {@code namesOnly}). Words are compared
     * case-insensitively and without diacritics ({@link SearchQuery}). Ordered by name.
     */
    public List<StoredPackage> search(List<String> terms, boolean namesOnly) {
        SearchQuery query = SearchQuery.of(terms, namesOnly);
        return queryPackages(query.sql(), false, query.args().toArray(new String[0]));
    }

    /** Calls {@code action} for every package, ordered by name. */
    public void forEachPackage(boolean full, Consumer<StoredPackage> action) {
        try (PreparedStatement st = connection.prepareStatement(PackageQueries.select(full)
                + " ORDER BY p.name, p.id")) {
            PackageRows reader = queries.rows();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    action.accept(reader.read(rs, full));
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Calls {@code action} for every package whose name starts with {@code namePrefix} (empty for all), ordered by
     * name, with only what a listing needs: name, version, architecture, format, repository and component. The
     * text fields, checksums and relations are left empty; the name index serves the prefix, so a listing of
     * {@code lib*} reads neither the descriptions nor the packages it does not show.
     */
    public void forEachPackageBrief(String namePrefix, Consumer<StoredPackage> action) {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < namePrefix.length(); i++) {
            char c = namePrefix.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                pattern.append('[').append(c).append(']');
            } else {
                pattern.append(c);
            }
        }
        pattern.append('*');
        try (PreparedStatement st = connection.prepareStatement("SELECT " + PackageRows.BRIEF_COLUMNS
                + " FROM packages p WHERE p.name GLOB ? ORDER BY p.name, p.id")) {
            st.setString(1, pattern.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    action.accept(PackageRows.readBrief(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Number of packages stored over all repositories. */
    public long packageCount() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM packages")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private List<StoredPackage> queryPackages(String sql, boolean full, String... args) {
        try {
            return queries.query(sql, full, args);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Packages whose Supplements or Enhances relations mention {@code name} (RPM reverse weak dependencies). */
    public List<StoredPackage> supplementers(String name, boolean full) {
        return queryPackages(PackageQueries.select(full) + " WHERE p.id IN ("
                + "SELECT package_id FROM weak_reverse WHERE name=?1) ORDER BY p.id", full, name);
    }

    /** Packages whose Obsoletes mention {@code name} (RPM), for an upgrade that replaces renamed packages. */
    public List<StoredPackage> obsoleters(String name, boolean full) {
        return queryPackages(PackageQueries.select(full) + " WHERE p.id IN ("
                + "SELECT package_id FROM obsoletes_reverse WHERE name=?1) ORDER BY p.id", full, name);
    }

    /** Validators remembered for {@code url}, if any. */
    public Optional<HttpValidators> validators(String url) {
        try {
            return ValidatorRows.read(connection, url);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Remembers (or with both null, forgets) the validators of {@code url}. */
    public void putValidators(String url, HttpValidators validators) {
        try {
            ValidatorRows.write(connection, url, validators);
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private CacheException failure(String verb, SQLException e) {
        return new CacheException("cannot " + verb + " the metadata database " + file + ": " + e.getMessage(),
                "if the file is damaged, remove it and run 'peerget update'", e);
    }

    @Override
    public void close() {
        try {
            queries.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
