package org.consentledger.ledger.store;

import java.sql.SQLException;

/** Tells a failure of the database (full disk, closed file, lost server) from a fault in a request or the code. */
public final class StoreFailures {

    /** H2's "The database has been closed": after a failed write it stays closed until the process restarts. */
    private static final int H2_DATABASE_IS_CLOSED = 90098;

    private StoreFailures() {
    }

    /** Whether the database failed somewhere in this failure's causes. */
    public static boolean isStoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof org.springframework.dao.DataAccessException
                    || t instanceof jakarta.persistence.PersistenceException || t instanceof CommitUnconfirmed
                    || t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the database has closed itself and will not take a write again in this process. */
    public static boolean closedForGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IS_CLOSED
                    && sql.getClass().getName().startsWith("org.h2.")) {
                return true;
            }
        }
        return false;
    }
}
