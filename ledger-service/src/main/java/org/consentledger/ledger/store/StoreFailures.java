package org.consentledger.ledger.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

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

    /**
     * Whether a failure is a lost race to append to a stream: the store's unique (stream, position) key refused an
     * event because another writer appended at that position first, or the unique key of the data keys refused the
     * key another writer made for the same new stream first. Every link of the cause chain must be part of it (Axon's
     * exception over JPA over Hibernate over SQL, Spring's over SQL); a refusal or a bug is none of these.
     */
    public static boolean lostAppendRace(Throwable failure) {
        return causes(failure).allMatch(t -> t instanceof ConcurrencyException
                // The first event of a stream that another writer has just created: the same race at position 0.
                || t instanceof AggregateStreamCreationException
                || t instanceof jakarta.persistence.PersistenceException
                || t instanceof org.hibernate.HibernateException
                || t instanceof SQLException
                || t instanceof org.springframework.dao.DataAccessException
                // What H2 carries under its SQL exception when a row another transaction inserted is committed.
                || t.getClass().getName().equals("org.h2.message.DbException"));
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
