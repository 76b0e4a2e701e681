package dev.peerget.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component and the format are literals of the packages insert: one statement per pair, rows in id order. */
class PackageWriterTest {
    @TempDir
    Path dir;

    @Test
    void eachComponentAndFormatGetsItsOwnStatementAndRowsKeepTheirOrder() throws Exception {
        String odd = "it's \"odd\" \u00fc'); DROP TABLE packages; --";
        try (Connection c = StoreConnections.readWrite(dir.resolve("m.db"), true).orElseThrow()) {
            c.setAutoCommit(false);
            try (PackageWriter w = new PackageWriter(c, 7)) {
                w.add("main", PackageRecord.builder(PackageFormat.DEB, "a", "1", "all").build());
                w.add("contrib", PackageRecord.builder(PackageFormat.DEB, "b", "1", "all").build());
                w.add(odd, PackageRecord.builder(PackageFormat.RPM, "c", "1-1", "noarch").build());
                w.add("", PackageRecord.builder(PackageFormat.DEB, "d", "1", "all").build());
                w.add("main", PackageRecord.builder(PackageFormat.DEB, "e", "1", "all").build());
                w.flush();
            }
            c.commit();
            List<String> rows = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, repo_id, component, name, format, typeof(component)"
                            + " FROM packages ORDER BY rowid")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + " " + rs.getLong(2) + " [" + rs.getString(3) + "] " + rs.getString(4)
                            + " " + rs.getString(5) + " " + rs.getString(6));
                }
            }
            assertThat(rows).containsExactly("1 7 [main] a deb text", "2 7 [contrib] b deb text",
                    "3 7 [" + odd + "] c rpm text", "4 7 [] d deb text", "5 7 [main] e deb text");
        }
    }
}
