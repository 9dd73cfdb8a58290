package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;

/** No event commits later than the deadline after its stamp, so answers as of older instants are final. */
class CommitDeadlineTest {

    final Instant stamped = Instant.parse("2026-11-29T10:00:00Z");
    final MutableClock clock = new MutableClock(stamped);
    final CommitDeadline deadline = new CommitDeadline(Duration.ofSeconds(10), clock);

    @Test
    void aCommitWithinTheDeadlineGoesAhead() {
        clock.set(stamped.plusSeconds(10));
        deadline.check(stamped);
    }

    @Test
    void aCommitPastTheDeadlineIsRefusedAsUnavailable() {
        clock.set(stamped.plusSeconds(10).plusNanos(1_000));
        assertThatThrownBy(() -> deadline.check(stamped))
                .isInstanceOfSatisfying(LedgerRejection.class,
                        r -> assertThat(r.kind()).isEqualTo(LedgerRejection.Kind.UNAVAILABLE))
                .hasMessageContaining("recorded nothing");
    }
}
