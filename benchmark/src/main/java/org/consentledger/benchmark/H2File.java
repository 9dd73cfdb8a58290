package org.consentledger.benchmark;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** An H2 file database in a new temporary directory, opened with the URL form the service's configuration uses. */
final class H2File implements Database {

    private final TemporaryDirectory dir;
    private final String url;
    private final boolean keep;

    H2File(boolean keep) throws IOException {
        this.dir = TemporaryDirectory.create("ledger-bench-h2-");
        this.url = "jdbc:h2:file:" + dir.path().resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE";
        this.keep = keep;
    }

    @Override
    public String describe() {
        return "H2 file " + dir.path().resolve("ledger.mv.db");
    }

    @Override
    public Map<String, String> serviceEnvironment() {
        return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "ledger",
                "SPRING_DATASOURCE_PASSWORD", "");
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "ledger", "");
    }

    @Override
    public String nextValue(String sequence) {
        return "next value for " + sequence;
    }

    long sizeBytes() throws IOException {
        return dir.sizeBytes();
    }

    @Override
    public void close() throws IOException {
        if (keep) {
            System.out.println("kept the H2 database in " + dir.path());
            return;
        }
        dir.delete();
    }
}
