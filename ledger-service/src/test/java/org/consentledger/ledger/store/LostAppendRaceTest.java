package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.consentledger.ledger.LedgerRejection;
import org.junit.jupiter.api.Test;

/** Only a lost race to a stream's next position is decided again; a refusal or a bug is not. */
class LostAppendRaceTest {

    @Test
    void aDuplicatePositionIsALostRace() {
        assertThat(StoreFailures.lostAppendRace(new ConcurrencyException("taken",
                new SQLIntegrityConstraintViolationException("duplicate key")))).isTrue();
        assertThat(StoreFailures.lostAppendRace(new AggregateStreamCreationException("created meanwhile"))).isTrue();
    }

    @Test
    void aDataKeyAnotherWriterMadeFirstForTheSameNewStreamIsALostRace() {
        // PostgreSQL's unique key refuses the second key; H2 reports the row the other transaction committed.
        assertThat(StoreFailures.lostAppendRace(new org.springframework.dao.DuplicateKeyException("visitor_data_key_pk",
                new SQLIntegrityConstraintViolationException("duplicate key")))).isTrue();
        assertThat(StoreFailures.lostAppendRace(new org.springframework.dao.QueryTimeoutException("insert",
                new java.sql.SQLTimeoutException("lock", org.h2.message.DbException.get(
                        org.h2.api.ErrorCode.CONCURRENT_UPDATE_1, "VISITOR_DATA_KEY"))))).isTrue();
    }

    @Test
    void aRefusalOrAFaultIsNot() {
        assertThat(StoreFailures.lostAppendRace(LedgerRejection.invalid("text", "no"))).isFalse();
        assertThat(StoreFailures.lostAppendRace(new ConcurrencyException("taken", new IllegalStateException("bug")))).isFalse();
        assertThat(StoreFailures.lostAppendRace(new IllegalStateException("bug"))).isFalse();
    }
}
