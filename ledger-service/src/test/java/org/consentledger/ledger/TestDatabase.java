package org.consentledger.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Every value of every table of the test's database, as text (bytes read as UTF-8), one after the other: what an
     * insider reading the tables sees. Read with the service stopped.
     */
    public static String textOfEveryTable(Path dataDirectory) throws SQLException {
        String url = forDirectory(dataDirectory).get("spring.datasource.url").toString();
        StringBuilder text = new StringBuilder();
        // The ledger's own user on H2; on PostgreSQL the server's URL names its user.
        try (Connection db = url.startsWith("jdbc:h2:") ? DriverManager.getConnection(url, "ledger", "")
                : DriverManager.getConnection(url)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = db.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (!schema.equalsIgnoreCase("information_schema") && !schema.startsWith("pg_")) {
                        tables.add("\"" + schema + "\".\"" + rs.getString("TABLE_NAME") + "\"");
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rows = db.createStatement().executeQuery("select * from " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            Object value = rows.getObject(c);
                            if (value != null) {
                                text.append(value instanceof byte[] bytes
                                        ? new String(bytes, StandardCharsets.UTF_8) : value.toString()).append('\n');
                            }
                        }
                    }
                }
            }
        }
        return text.toString();
    }
}
