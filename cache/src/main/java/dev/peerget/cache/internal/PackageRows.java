package dev.peerget.cache.internal;

import dev.peerget.cache.StoredPackage;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Locale;

/** Turns {@code packages} rows (plus their relations, provides and files) back into {@link StoredPackage}s. */
public final class PackageRows {
    /** The column list every package query selects, in the order {@link #read} expects. */
    public static final String COLUMNS = "p.id, p.repo_id, p.component, p.name, p.version, p.arch, p.format, "
            + "p.summary, p.description, p.section, p.priority, p.essential, p.multi_arch, p.size, "
            + "p.installed_size, p.location, p.checksums, p.source, p.maintainer, p.homepage, p.license";

    /** The columns {@link #readBrief} expects, in order. */
    public static final String BRIEF_COLUMNS = "p.id, p.repo_id, p.component, p.name, p.version, p.arch, p.format";

    private final PreparedStatement relations;
    private final PreparedStatement provides;
    private final PreparedStatement files;

    public PackageRows(Connection c) throws SQLException {
        relations = c.prepareStatement("SELECT encoded FROM relations WHERE package_id=?");
        provides = c.prepareStatement("SELECT name, version FROM provides WHERE package_id=?");
        files = c.prepareStatement("SELECT path FROM files WHERE package_id=?");
    }

    /** Reads the current row of a {@link #BRIEF_COLUMNS} query: identity only, every other field empty. */
    public static StoredPackage readBrief(ResultSet rs) throws SQLException {
        PackageFormat format = PackageFormat.valueOf(rs.getString(7).toUpperCase(Locale.ROOT));
        PackageRecord record = PackageRecord.builder(format, rs.getString(4), rs.getString(5), rs.getString(6)).build();
        return new StoredPackage(rs.getLong(1), rs.getLong(2), rs.getString(3), record);
    }

    /**
     * Reads the current row of {@code rs}. With {@code full}, the package's relations, provides and files are
     * loaded too; without, they are left empty (enough for listings).
     */
    public StoredPackage read(ResultSet rs, boolean full) throws SQLException {
        long id = rs.getLong(1);
        PackageFormat format = PackageFormat.valueOf(rs.getString(7).toUpperCase(Locale.ROOT));
        PackageRecord.Builder b = PackageRecord.builder(format, rs.getString(4), rs.getString(5), rs.getString(6))
                .summary(rs.getString(8))
                .description(rs.getString(9))
                .section(rs.getString(10))
                .priority(rs.getString(11))
                .essential(rs.getInt(12) != 0)
                .multiArch(MultiArch.valueOf(rs.getString(13)))
                .size(rs.getLong(14))
                .installedSize(rs.getLong(15))
                .location(rs.getString(16))
                .source(rs.getString(18))
                .maintainer(rs.getString(19))
                .homepage(rs.getString(20))
                .license(rs.getString(21));
        String sums = rs.getString(17);
        if (!sums.isEmpty()) {
            for (String s : sums.split(" ")) {
                int colon = s.indexOf(':');
                b.checksum(new Checksum(HashAlgorithm.parse(s.substring(0, colon)).orElseThrow(), s.substring(colon + 1)));
            }
        }
        if (full) {
            relations.setLong(1, id);
            try (ResultSet r = relations.executeQuery()) {
                if (r.next()) {
                    b.relations(RelationCodec.decode(r.getString(1)));
                }
            }
            provides.setLong(1, id);
            try (ResultSet r = provides.executeQuery()) {
                var list = new ArrayList<Provide>();
                while (r.next()) {
                    list.add(new Provide(r.getString(1), r.getString(2)));
                }
                b.provides(list);
            }
            files.setLong(1, id);
            try (ResultSet r = files.executeQuery()) {
                var list = new ArrayList<String>();
                while (r.next()) {
                    list.add(r.getString(1));
                }
                b.files(list);
            }
        }
        return new StoredPackage(id, rs.getLong(2), rs.getString(3), b.build());
    }
}
