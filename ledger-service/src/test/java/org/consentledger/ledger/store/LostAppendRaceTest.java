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
    void aRefusalOrAFaultIsNot() {
        assertThat(StoreFailures.lostAppendRace(LedgerRejection.invalid("text", "no"))).isFalse();
        assertThat(StoreFailures.lostAppendRace(new ConcurrencyException("taken", new IllegalStateException("bug")))).isFalse();
        assertThat(StoreFailures.lostAppendRace(new IllegalStateException("bug"))).isFalse();
    }
}
