package org.consentledger.ledger.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Stream;

/** Tells a failure of the database (full disk, closed file, lost server) from a fault in a request or the code. */
public final class StoreFailures {

    /** H2's "The database has been closed": after a failed write it stays closed until the process restarts. */
    private static final int H2_DATABASE_IS_CLOSED = 90098;

    private StoreFailures() {
    }

    /** Whether the database failed somewhere in this failure's causes. */
    public static boolean isStoreFailure(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof SQLException
                || t instanceof org.springframework.dao.DataAccessException
                || t instanceof jakarta.persistence.PersistenceException || t instanceof CommitUnconfirmed
                || t.getClass().getName().equals("org.h2.mvstore.MVStoreException"));
    }

    /** Whether the database has closed itself and will not take a write again in this process. */
    public static boolean closedForGood(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof SQLException sql
                && sql.getErrorCode() == H2_DATABASE_IS_CLOSED && sql.getClass().getName().startsWith("org.h2."));
    }

    /** The commit among this failure's causes whose outcome is unknown, if it is one. */
    public static Optional<CommitUnconfirmed> unconfirmed(Throwable failure) {
        return causes(failure).filter(CommitUnconfirmed.class::isInstance).map(CommitUnconfirmed.class::cast)
                .findFirst();
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }
}
