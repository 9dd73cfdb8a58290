package org.consentledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The database the ledger runs on, for the few statements that differ: asked once here rather than by each place
 * that needs to know.
 */
public enum Database {

    H2, POSTGRESQL, OTHER;

    public static Database of(Connection connection) throws SQLException {
        return switch (connection.getMetaData().getDatabaseProductName()) {
            case "H2" -> H2;
            case "PostgreSQL" -> POSTGRESQL;
            default -> OTHER;
        };
    }

    public static Database of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the ledger runs on", e);
        }
    }
}
