package org.consentledger.ledger.write;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * When two instances append to the same stream at once, the store's unique (stream, sequence) constraint lets one
 * win and the other fail; the loser's group is then decided again on the fresh streams. Nothing else is retried: a
 * refused command stays refused.
 */
final class LostAppendRace {

    private LostAppendRace() {
    }

    /** Whether a failure is a lost race to append to a stream, and so worth deciding again on the fresh stream. */
    static boolean is(Throwable failure) {
        for (Throwable link = failure; link != null; link = link.getCause()) {
            if (!partOfConcurrentAppend(link)) {
                return false;
            }
        }
        return true;
    }

    /** Each link a lost race is made of (Axon's exception over JPA over Hibernate over SQL). */
    private static boolean partOfConcurrentAppend(Throwable failure) {
        return failure instanceof ConcurrencyException
                // The first event of a stream that another instance has just created: the same race at position 0.
                || failure instanceof AggregateStreamCreationException
                || failure instanceof jakarta.persistence.PersistenceException
                || failure instanceof org.hibernate.HibernateException
                || failure instanceof java.sql.SQLException
                || failure instanceof org.springframework.dao.DataAccessException;
    }
}
