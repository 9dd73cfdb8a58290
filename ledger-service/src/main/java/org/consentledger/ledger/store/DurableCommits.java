package org.consentledger.ledger.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.consentledger.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes committed transactions survive a crash before the ledger acknowledges them.
 * <p>
 * Why: PostgreSQL's commit returns once its write-ahead log is on disk. H2 keeps no such log: a commit changes its
 * store in memory, and its background writer puts the changes in the file up to half a second later (its
 * {@code WRITE_DELAY}). A service killed in between (SIGKILL, as an out-of-memory kill does) lost consents it had
 * already answered 201 for. On H2, {@link #flush()} therefore writes the store and syncs the file
 * ({@code CHECKPOINT SYNC}); whoever acknowledges a write calls it after the commit and before the answer. On
 * PostgreSQL it does nothing (it warns once if {@code synchronous_commit} is off).
 */
@Component
public class DurableCommits {

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);

    private final DataSource dataSource;
    private final Timer flushes;
    private volatile Boolean h2;

    public DurableCommits(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.flushes = Timer.builder("ledger.store.flush")
                .description("Time to write H2's committed changes to its file and sync it before an answer")
                .register(meters);
    }

    /**
     * Returns once everything committed so far is on disk.
     *
     * @throws CommitUnconfirmed if the database could not write it: the caller must not acknowledge
     */
    public void flush() {
        if (Boolean.FALSE.equals(h2)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!isH2(connection)) {
                return;
            }
            Timer.Sample started = Timer.start();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
            started.stop(flushes);
        } catch (SQLException e) {
            throw new CommitUnconfirmed(e);
        }
    }

    private boolean isH2(Connection connection) throws SQLException {
        Boolean known = h2;
        if (known == null) {
            Database database = Database.of(connection);
            known = database == Database.H2;
            if (database == Database.POSTGRESQL) {
                warnIfCommitsAreAsynchronous(connection);
            }
            h2 = known;
        }
        return known;
    }

    /** With {@code synchronous_commit = off} PostgreSQL answers a commit before its log is on disk. */
    private static void warnIfCommitsAreAsynchronous(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("show synchronous_commit")) {
            if (setting.next() && "off".equalsIgnoreCase(setting.getString(1))) {
                log.warn("PostgreSQL runs with synchronous_commit = off: consents the ledger acknowledged can be lost "
                        + "in a crash. Set it to on for the ledger's database.");
            }
        }
    }
}
