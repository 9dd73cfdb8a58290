package org.consentledger.benchmark;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/** A database of its own on a PostgreSQL server, created for the run and dropped after it. */
final class PostgresDatabase implements Database {

    private final String serverUrl;
    private final String name;
    private final String url;
    private final boolean keep;

    private PostgresDatabase(String serverUrl, String name, boolean keep) {
        this.serverUrl = serverUrl;
        this.name = name;
        this.url = withDatabase(serverUrl, name);
        this.keep = keep;
    }

    /** @param serverUrl any JDBC URL of the server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/?user=postgres} */
    static PostgresDatabase create(String serverUrl, boolean keep) throws SQLException {
        String name = "ledger_bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return new PostgresDatabase(serverUrl, name, keep);
    }

    @Override
    public String describe() {
        return "PostgreSQL database " + name + " (" + serverVersion() + ")";
    }

    @Override
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>();
        // Spring's username and password win over the URL's, and application.yml sets a username of its own.
        env.put("SPRING_DATASOURCE_URL", url);
        env.put("SPRING_DATASOURCE_USERNAME", parameter(url, "user", "postgres"));
        env.put("SPRING_DATASOURCE_PASSWORD", parameter(url, "password", ""));
        return env;
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public String nextValue(String sequence) {
        return "nextval('" + sequence + "')";
    }

    @Override
    public void close() throws SQLException {
        if (keep) {
            System.out.println("kept the PostgreSQL database " + name);
            return;
        }
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }

    private String serverVersion() {
        try (Connection c = connect()) {
            return "server " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "server version unknown";
        }
    }

    /** The same server URL, naming another database: {@code jdbc:postgresql://host:port/NAME?params}. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        String beforeQuery = query < 0 ? url : url.substring(0, query);
        int slash = beforeQuery.indexOf('/', prefix.length());
        String hosts = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        return hosts + "/" + database + params;
    }

    static String parameter(String url, String name, String otherwise) {
        int query = url.indexOf('?');
        if (query < 0) {
            return otherwise;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return otherwise;
    }
}
