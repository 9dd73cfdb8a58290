package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which decision about a category stands is one rule, whether a whole history is sorted or one event arrives. */
class DecisionTest {

    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    static Decision given(long sequence, Instant occurredAt) {
        return new Decision("e" + sequence, sequence, Decision.Kind.GIVEN, 1, occurredAt, T.plusSeconds(sequence),
                List.of("statistics"), List.of(), List.of());
    }

    @Test
    void aDecisionRecordedLaterStandsExactlyWhenTheStandingOrderPutsItLast() {
        for (long offset = -2; offset <= 2; offset++) {
            Decision decidedSoFar = given(3, T);
            Decision arriving = given(7, T.plusSeconds(offset));
            boolean last = Decision.STANDING_ORDER.compare(arriving, decidedSoFar) > 0;
            assertThat(arriving.standsOver(decidedSoFar.occurredAt())).as("occurred %+d s apart", offset)
                    .isEqualTo(last)
                    .isEqualTo(offset >= 0);
        }
    }

    @Test
    void ofTwoThatOccurredAtOnceTheOneRecordedLastStands() {
        assertThat(List.of(given(2, T), given(1, T)).stream().max(Decision.STANDING_ORDER)).map(Decision::sequence)
                .contains(2L);
    }
}
