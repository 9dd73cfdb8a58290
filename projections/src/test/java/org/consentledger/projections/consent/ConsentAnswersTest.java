package org.consentledger.projections.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.consentledger.verifier.Decision;
import org.junit.jupiter.api.Test;

/** When the rows read for a visitor are the visitor's whole stream, so that an answer from them may be given. */
class ConsentAnswersTest {

    @Test
    void aHistoryHoldsUpToTheStoredEventOnlyWithEveryEventBeforeIt() {
        assertThat(ConsentAnswers.holdsUpTo(decisions(0, 1, 2), 2)).isTrue();
        assertThat(ConsentAnswers.holdsUpTo(decisions(2, 0, 1), 2)).as("any order").isTrue();
        assertThat(ConsentAnswers.holdsUpTo(decisions(0, 1), 2)).as("the newest missing").isFalse();
        assertThat(ConsentAnswers.holdsUpTo(decisions(0, 2), 2)).as("one in between missing").isFalse();
        assertThat(ConsentAnswers.holdsUpTo(decisions(1, 2), 2)).as("the first missing").isFalse();
    }

    @Test
    void eventsRecordedSinceTheStoreWasAskedDoNotMakeAHistoryIncomplete() {
        assertThat(ConsentAnswers.holdsUpTo(decisions(0, 1, 2, 3), 2)).isTrue();
    }

    @Test
    void aVisitorWithoutEventsNeedsNone() {
        assertThat(ConsentAnswers.holdsUpTo(List.of(), -1)).isTrue();
        assertThat(ConsentAnswers.holdsUpTo(List.of(), 0)).isFalse();
    }

    private static List<Decision> decisions(long... sequences) {
        return LongStream.of(sequences)
                .mapToObj(s -> new Decision("e" + s, s, Decision.Kind.GIVEN, 1, Instant.EPOCH, Instant.EPOCH,
                        List.of("statistics"), List.of(), List.of()))
                .toList();
    }
}
