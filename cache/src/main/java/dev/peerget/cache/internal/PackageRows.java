package dev.peerget.cache.internal;

import dev.peerget.cache.StoredPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Turns {@code packages} rows (plus their relations, provides and files) back into {@link StoredPackage}s. */
public final class PackageRows {
    /** The column list every package query selects, in the order {@link #read} expects. */
    public static final String COLUMNS = "p.id, p.repo_id, p.component, p.name, p.version, p.arch, p.format, "
            + "p.summary, p.description, p.info";

    /** The columns {@link #readBrief} expects, in order. */
    public static final String BRIEF_COLUMNS = "p.id, p.repo_id, p.component, p.name, p.version, p.arch, p.format";

    /**
     * {@link #COLUMNS} plus a package's relations, provides and files, read with the row instead of by three
     * more statements per package: the relations from the row's own column, provides and files as
     * one string each from correlated index lookups, joined with ASCII separator controls (as in
     * {@link RelationCodec}), which cannot occur in package names, versions or paths. Use with {@link #FROM_FULL}.
     */
    public static final String FULL_COLUMNS = COLUMNS + ", p.relations, "
            + "(SELECT group_concat(v.name || ifnull(char(31) || v.version, ''), char(30)) FROM provides v"
            + " WHERE v.package_id=p.id), "
            + "(SELECT group_concat(f.path, char(30)) FROM files f WHERE f.package_id=p.id)";

    /** Number of columns in {@link #COLUMNS} and in {@link #FULL_COLUMNS}. */
    public static final int COLUMN_COUNT = 10;
    public static final int FULL_COLUMN_COUNT = 13;

    /** The FROM clause that goes with {@link #FULL_COLUMNS}. */
    public static final String FROM_FULL = " FROM packages p";

    private static final char RS = '\u001e';
    private static final char US = '\u001f';

    public PackageRows() {
    }

    /** Reads the current row of a {@link #BRIEF_COLUMNS} query: identity only, every other field empty. */
    public static StoredPackage readBrief(ResultSet rs) throws SQLException {
        PackageFormat format = PackageFormat.valueOf(rs.getString(7).toUpperCase(Locale.ROOT));
        PackageRecord record = PackageRecord.builder(format, rs.getString(4), rs.getString(5), rs.getString(6)).build();
        return new StoredPackage(rs.getLong(1), rs.getLong(2), rs.getString(3), record);
    }

    /**
     * Reads the current row of {@code rs}. With {@code full} the row must have been selected with
     * {@link #FULL_COLUMNS}, and the package's relations, provides and files are filled in; without, they are
     * left empty (enough for listings).
     */
    public StoredPackage read(ResultSet rs, boolean full) throws SQLException {
        long id = rs.getLong(1);
        PackageFormat format = PackageFormat.valueOf(rs.getString(7).toUpperCase(Locale.ROOT));
        PackageRecord.Builder b = PackageRecord.builder(format, rs.getString(4), rs.getString(5), rs.getString(6))
                .summary(rs.getString(8))
                .description(rs.getString(9));
        PackageInfo.decode(rs.getString(10), b);
        if (full) {
            String relations = rs.getString(11);
            if (relations != null) {
                b.relations(RelationCodec.decode(relations));
            }
            var provides = new ArrayList<Provide>();
            for (String entry : split(rs.getString(12))) {
                int us = entry.indexOf(US);
                provides.add(us < 0 ? new Provide(entry, null)
                        : new Provide(entry.substring(0, us), entry.substring(us + 1)));
            }
            b.provides(provides);
            b.files(split(rs.getString(13)));
        }
        return new StoredPackage(id, rs.getLong(2), rs.getString(3), b.build());
    }

    private static List<String> split(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = joined.indexOf(RS); i >= 0; i = joined.indexOf(RS, start)) {
            out.add(joined.substring(start, i));
            start = i + 1;
        }
        out.add(joined.substring(start));
        return out;
    }

    /** {@code values} as a JSON array of strings, for the batched queries' {@code json_each(?)}. */
    public static String jsonArray(Collection<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (String v : values) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '"' || ch == '\\') {
                    sb.append('\\').append(ch);
                } else if (ch < 0x20) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                } else {
                    sb.append(ch);
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }
}
