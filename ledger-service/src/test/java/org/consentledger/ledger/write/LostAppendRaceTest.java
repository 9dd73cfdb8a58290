package org.consentledger.ledger.write;

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
        assertThat(LostAppendRace.is(new ConcurrencyException("taken",
                new SQLIntegrityConstraintViolationException("duplicate key")))).isTrue();
        assertThat(LostAppendRace.is(new AggregateStreamCreationException("created meanwhile"))).isTrue();
    }

    @Test
    void aRefusalOrAFaultIsNot() {
        assertThat(LostAppendRace.is(LedgerRejection.invalid("text", "no"))).isFalse();
        assertThat(LostAppendRace.is(new ConcurrencyException("taken", new IllegalStateException("bug")))).isFalse();
        assertThat(LostAppendRace.is(new IllegalStateException("bug"))).isFalse();
    }
}
