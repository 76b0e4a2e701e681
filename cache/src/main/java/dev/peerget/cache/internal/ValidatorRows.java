package dev.peerget.cache.internal;

import dev.peerget.cache.HttpValidators;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The rows of {@code http_validators}: the ETag and Last-Modified remembered per index URL. Stateless. */
public final class ValidatorRows {
    private ValidatorRows() {
    }

    public static Optional<HttpValidators> read(Connection connection, String url) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT etag, last_modified FROM http_validators WHERE url=?")) {
            st.setString(1, url);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new HttpValidators(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Remembers {@code validators}; with none (null, or both fields null) forgets the URL's. */
    public static void write(Connection connection, String url, HttpValidators validators) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(validators == null
                || (validators.etag() == null && validators.lastModified() == null)
                ? "DELETE FROM http_validators WHERE url=?"
                : "INSERT OR REPLACE INTO http_validators(url, etag, last_modified) VALUES(?,?,?)")) {
            st.setString(1, url);
            if (st.getParameterMetaData().getParameterCount() > 1) {
                st.setString(2, validators.etag());
                st.setString(3, validators.lastModified());
            }
            st.executeUpdate();
        }
    }
}
