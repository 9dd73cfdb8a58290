package org.consentledger.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

/** Up to which global index a processor's token vouches that every event was handled. */
class ReadModelPositionTest {

    @Test
    void withoutGapsEveryEventUpToTheTokensIndex() {
        assertThat(ReadModelPosition.contiguous(GapAwareTrackingToken.newInstance(41, List.of()))).isEqualTo(41);
    }

    @Test
    void belowTheFirstGapOnly() {
        assertThat(ReadModelPosition.contiguous(GapAwareTrackingToken.newInstance(41, List.of(30L, 35L))))
                .isEqualTo(29);
    }

    @Test
    void duringAReplayHowFarTheRebuildHasCome() {
        var replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(1_000, List.of()),
                GapAwareTrackingToken.newInstance(200, List.of()));
        assertThat(ReadModelPosition.contiguous(replay)).isEqualTo(200);
    }

    @Test
    void aTokenThatSaysNothingOfGapsVouchesForNothing() {
        assertThat(ReadModelPosition.contiguous(new GlobalSequenceTrackingToken(41))).isEqualTo(-1);
        assertThat(ReadModelPosition.contiguous(null)).isEqualTo(-1);
    }
}
