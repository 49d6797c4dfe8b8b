package org.opencirt.incident.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/** Tells PostgreSQL from the embedded H2, for the few queries (full-text search) that differ. */
final class DatabaseKind {

    private DatabaseKind() {
    }

    static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot read the database kind", e);
        }
    }
}
