package dev.peerget.cache.internal;

import dev.peerget.cache.StoredPackage;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Turns {@code packages} rows (plus their relations, provides and files) back into {@link StoredPackage}s. */
public final class PackageRows {
    /** The column list every package query selects, in the order {@link #read} expects. */
    public static final String COLUMNS = "p.id, p.repo_id, p.component, p.name, p.version, p.arch, p.format, p.info";

    /** The columns {@link #readBrief} expects, in order. */
    public static final String BRIEF_COLUMNS = "p.id, p.repo_id, p.component, p.name, p.version, p.arch, p.format";

    /**
     * {@link #COLUMNS} plus a package's relations, provides and files, from columns of its row: the relations
     * encoded by {@link RelationCodec}, the provides and files joined by {@link #joinProvides} and {@link #join}
     * with ASCII separator controls, which cannot occur in package names, versions or paths. Use with
     * {@link #FROM_FULL}.
     */
    public static final String FULL_COLUMNS = COLUMNS + ", p.relations, p.provides, p.files";

    /** Number of columns in {@link #COLUMNS} and in {@link #FULL_COLUMNS}. */
    public static final int COLUMN_COUNT = 8;
    public static final int FULL_COLUMN_COUNT = 11;

    /** The FROM clause that goes with {@link #FULL_COLUMNS}. */
    public static final String FROM_FULL = " FROM packages p";

    private static final char RS = '\u001e';
    private static final HashAlgorithm[] ALGORITHMS = HashAlgorithm.values();
    /** Each algorithm's name as {@link Checksum#toString} writes it. */
    private static final String[] ALGORITHM_NAMES = Arrays.stream(ALGORITHMS)
            .map(a -> a.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private static final char US = '\u001f';

    public PackageRows() {
    }

    /** Reads the current row of a {@link #BRIEF_COLUMNS} query: identity only, every other field empty. */
    public static StoredPackage readBrief(ResultSet rs) throws SQLException {
        PackageFormat format = format(rs.getString(7));
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
        PackageFormat format = format(rs.getString(7));
        PackageRecord.Builder b = PackageRecord.builder(format, rs.getString(4), rs.getString(5), rs.getString(6));
        PackageInfo.decode(rs.getString(8), b);
        if (full) {
            String relations = rs.getString(9);
            if (relations != null) {
                b.relations(RelationCodec.decode(relations));
            }
            b.provides(provides(rs.getString(10)));
            b.files(split(rs.getString(11)));
        }
        return new StoredPackage(id, rs.getLong(2), rs.getString(3), b.build());
    }

    /** A stored format ({@link PackageFormat#id}), without upper-casing it for {@code valueOf}. */
    private static PackageFormat format(String id) {
        return id.equals("deb") ? PackageFormat.DEB : id.equals("rpm") ? PackageFormat.RPM
                : PackageFormat.valueOf(id.toUpperCase(Locale.ROOT));
    }

    /**
     * Adds the checksums of a row's space-separated {@code algorithm:hex} column ({@link Checksum#toString}),
     * cut out in place; the algorithm names are matched as written, {@link HashAlgorithm#parse} only otherwise.
     */
    static void checksums(String sums, PackageRecord.Builder b) {
        int n = sums.length();
        for (int start = 0; start < n; ) {
            int end = sums.indexOf(' ', start);
            if (end < 0) {
                end = n;
            }
            int colon = sums.indexOf(':', start);
            if (colon < 0 || colon > end) {
                throw new IllegalStateException("corrupt checksums '" + sums + "'");
            }
            b.checksum(new Checksum(algorithm(sums, start, colon), sums.substring(colon + 1, end)));
            start = end + 1;
        }
    }

    private static HashAlgorithm algorithm(String sums, int start, int colon) {
        for (int i = 0; i < ALGORITHM_NAMES.length; i++) {
            String name = ALGORITHM_NAMES[i];
            if (name.length() == colon - start && sums.startsWith(name, start)) {
                return ALGORITHMS[i];
            }
        }
        return HashAlgorithm.parse(sums.substring(start, colon)).orElseThrow();
    }

    /** The provides of a row's RS-joined {@code name[US version]} column, cut out in place. */
    private static List<Provide> provides(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        List<Provide> out = new ArrayList<>();
        int n = joined.length();
        int us = -1;
        for (int start = 0; start <= n; ) {
            int end = joined.indexOf(RS, start);
            if (end < 0) {
                end = n;
            }
            if (us < start) {
                us = joined.indexOf(US, start);   // looked for again only once passed: linear over the column
                us = us < 0 ? n + 1 : us;
            }
            if (us > end) {
                out.add(new Provide(joined.substring(start, end), null));
            } else {
                out.add(new Provide(joined.substring(start, us), us + 1 == end ? null : joined.substring(us + 1, end)));
            }
            start = end + 1;
        }
        return out;
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

    /** {@code provides} as the column {@link #provides} reads: RS-joined {@code name[US version]}; null when none. */
    public static String joinProvides(List<Provide> provides) {
        if (provides.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Provide p : provides) {
            if (sb.length() > 0) {
                sb.append(RS);
            }
            sb.append(p.name());
            if (p.version() != null) {
                sb.append(US).append(p.version());
            }
        }
        return sb.toString();
    }

    /** {@code values} RS-joined, as {@link #split} reads them; null when none. */
    public static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(String.valueOf(RS), values);
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
