package dev.peerget.cache.internal;

import dev.peerget.cache.PackageSink;
import dev.peerget.model.Checksum;
import dev.peerget.model.DeferredRelations;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Inserts one repository's packages through batched prepared statements. What a load of Debian's main costs this
 * thread is mostly per bound value and per row (each bind and step is a JNI call into sqlite-jdbc, in C1-compiled
 * code), hardly per byte; hence a package is one row of eight bound values (its relations and its rarely-queried
 * fields as one column each, see {@link PackageInfo}), and the repository's id, the index's component and the
 * format literals of the statements. Binding a
 * batch as one JSON text unpacked by {@code json_each} in SQL was tried and costs more (docs/benchmarks.md).
 * Not thread-safe; one per update.
 */
public final class PackageWriter implements PackageSink, AutoCloseable {
    private static final int BATCH = 256;
    /** The kinds whose names the tables weak_reverse (Supplements, Enhances) and obsoletes_reverse list. */
    private static final RelationKind[] REVERSE_KINDS = {RelationKind.SUPPLEMENTS, RelationKind.ENHANCES,
        RelationKind.OBSOLETES};

    private final long repoId;
    private final Connection connection;
    /** The statement that inserts packages of each component and format (literals of it), made on first use. */
    private final Map<String, PreparedStatement> packageStatements = new HashMap<>();
    /** The statement of the last row's component and format, and those. */
    private PreparedStatement packages;
    private String packagesComponent;
    private PackageFormat packagesFormat;
    private final PreparedStatement provides;
    private final PreparedStatement files;
    private final PreparedStatement search;
    private final PreparedStatement weakReverse;
    private final PreparedStatement obsoletesReverse;
    private final SearchChunk chunk = new SearchChunk();
    private long nextId;
    private int pending;
    private long count;

    public PackageWriter(Connection c, long repoId) throws SQLException {
        this.repoId = repoId;
        this.connection = c;
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM packages")) {
            rs.next();
            nextId = rs.getLong(1) + 1;
        }
        // The repository's id is a literal of the statements: one bind fewer per row.
        provides = c.prepareStatement("INSERT INTO provides(package_id, repo_id, name, version) VALUES(?," + repoId
                + ",?,?)");
        files = c.prepareStatement("INSERT INTO files(package_id, repo_id, path) VALUES(?,?,?)");
        search = c.prepareStatement("INSERT INTO search(id, data) VALUES(?,?)");
        weakReverse = c.prepareStatement("INSERT INTO weak_reverse(package_id, repo_id, name) VALUES(?,?,?)");
        obsoletesReverse = c.prepareStatement(
                "INSERT INTO obsoletes_reverse(package_id, repo_id, name) VALUES(?,?,?)");
    }

    /**
     * A package with its derived column values computed: the work of {@link #prepare}, which needs no
     * connection and so runs on the index reader's thread (PipelinedLoad), leaving only binds to the writer.
     */
    public record Row(String component, PackageRecord record, String relations, String checksums,
                      String searchEntry, String provides, String files) { }

    /** Computes the encoded values of {@code r}'s row; pure, callable from any thread. */
    public static Row prepare(String component, PackageRecord r) {
        // A DeferredRelations is not asked isEmpty(): that would parse it.
        List<Relation> relations = r.relations();
        return new Row(component, r, !(relations instanceof DeferredRelations) && relations.isEmpty() ? null
                : RelationCodec.encode(relations), checksums(r),
                SearchChunk.entry(r.name(), SearchWords.fold(r.name(), r.summary(), r.description())),
                PackageRows.joinProvides(r.provides()), PackageRows.join(r.files()));
    }

    @Override
    public void add(String component, PackageRecord r) {
        write(prepare(component, r));
    }

    /** Inserts a prepared row (batched). */
    public void write(Row row) {
        PackageRecord r = row.record();
        try {
            long id = nextId++;
            PreparedStatement packages = packagesOf(row.component(), r.format());
            packages.setLong(1, id);
            packages.setString(2, r.name());
            packages.setString(3, r.version());
            packages.setString(4, r.arch());
            // Made here rather than on the index reader's thread, the longer of the two since this class binds less.
            packages.setString(5, PackageInfo.encode(r, row.checksums()));
            packages.setString(6, row.relations());
            packages.setString(7, row.provides());
            packages.setString(8, row.files());
            packages.addBatch();
            for (Provide p : r.provides()) {
                provides.setLong(1, id);
                provides.setString(2, p.name());
                provides.setString(3, p.version());
                provides.addBatch();
            }
            for (String f : r.files()) {
                files.setLong(1, id);
                files.setLong(2, repoId);
                files.setString(3, f);
                files.addBatch();
            }
            // By kind: a DeferredRelations then parses only these fields, if it has them.
            for (RelationKind kind : REVERSE_KINDS) {
                PreparedStatement reverse = kind == RelationKind.OBSOLETES ? obsoletesReverse : weakReverse;
                for (Relation rel : r.relations(kind)) {
                    java.util.Set<String> names = new java.util.TreeSet<>();
                    rel.requirement().atoms().forEach(a -> names.add(a.name()));
                    for (String name : names) {
                        reverse.setLong(1, id);
                        reverse.setLong(2, repoId);
                        reverse.setString(3, name);
                        reverse.addBatch();
                    }
                }
            }
            chunk.add(id, row.searchEntry());
            if (chunk.isFull()) {
                addChunk();
            }
            count++;
            if (++pending >= BATCH) {
                flush();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + r.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The statement for packages of {@code component} and {@code format}, which are literals of it: an index's
     * packages share both, so that each row binds two values fewer. What is batched for another statement is
     * written first, so that rows go in in id order.
     */
    private PreparedStatement packagesOf(String component, PackageFormat format) throws SQLException {
        if (component.equals(packagesComponent) && format == packagesFormat) {
            return packages;
        }
        if (pending > 0) {
            flush();
        }
        String key = format.id() + ' ' + component;
        PreparedStatement st = packageStatements.get(key);
        if (st == null) {
            // The component as a hex literal of its UTF-8 bytes: nothing in it needs quoting.
            st = connection.prepareStatement("INSERT INTO packages(id, repo_id, component, name, version, arch, "
                    + "format, info, relations, provides, files) VALUES(?," + repoId + ",CAST(X'"
                    + HexFormat.of().formatHex(component.getBytes(StandardCharsets.UTF_8)) + "' AS TEXT),?,?,?,'"
                    + format.id() + "',?,?,?,?)");
            packageStatements.put(key, st);
        }
        packages = st;
        packagesComponent = component;
        packagesFormat = format;
        return st;
    }

    static String checksums(PackageRecord r) {
        StringJoiner j = new StringJoiner(" ");
        for (Checksum c : r.checksums()) {
            j.add(c.toString());
        }
        return j.toString();
    }

    /** Packages added so far. */
    public long count() {
        return count;
    }

    private void addChunk() throws SQLException {
        search.setLong(1, chunk.firstId());
        search.setString(2, chunk.take());
        search.addBatch();
    }

    /** Writes what is batched, including the search rows of the packages added so far. */
    public void flush() throws SQLException {
        if (!chunk.isEmpty()) {
            addChunk();
        }
        if (packages != null) {
            packages.executeBatch();
        }
        provides.executeBatch();
        files.executeBatch();
        search.executeBatch();
        weakReverse.executeBatch();
        obsoletesReverse.executeBatch();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement st : packageStatements.values()) {
            st.close();
        }
        provides.close();
        files.close();
        search.close();
        weakReverse.close();
        obsoletesReverse.close();
    }
}
