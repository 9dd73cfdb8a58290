package org.consentledger.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.consentledger.verifier.EventHash;

/**
 * The database a test ledger runs on: an H2 file in the test's directory, or, when the build runs the suite on
 * PostgreSQL ({@code ledger.test.database=postgres}), a database of its own on the given server, named after the
 * directory so that a restart in the same test finds the same data.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Map<String, Object> forDirectory(Path dataDirectory) {
        if (!"postgres".equals(System.getProperty("ledger.test.database"))) {
            return Map.of("spring.datasource.url", "jdbc:h2:file:" + dataDirectory.resolve("ledger").toAbsolutePath());
        }
        String server = System.getProperty("ledger.test.postgres.url");
        String name = "ledger_" + EventHash.sha256Hex(dataDirectory.toAbsolutePath().toString().getBytes()).substring(0, 16);
        try (Connection admin = DriverManager.getConnection(server)) {
            boolean exists;
            try (var query = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, name);
                exists = query.executeQuery().next();
            }
            if (!exists) {
                try (var create = admin.createStatement()) {
                    create.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server, e);
        }
        // The server's URL names no database (jdbc:postgresql://host:port/?user=...): the test's goes before the query.
        int query = server.indexOf('?');
        String base = query < 0 ? server : server.substring(0, query);
        String url = (base.endsWith("/") ? base : base + "/") + name + (query < 0 ? "" : server.substring(query));
        return Map.of("spring.datasource.url", url);
    }
}
