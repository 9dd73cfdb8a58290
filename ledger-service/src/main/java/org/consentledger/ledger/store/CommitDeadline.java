package org.consentledger.ledger.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.consentledger.ledger.LedgerRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes "as the ledger knew it at A" final once A is old enough. An event is stamped {@code recordedAt} before its
 * transaction commits, so until then an answer as of a later instant cannot see it; were the commit to come much
 * later (a stalled database, a long pause), an answer already given for such an instant would change. So no event
 * commits more than {@code deadline} after its stamp: the transaction is rolled back instead and its requests are
 * answered 503 (asked again, they are stamped afresh). An answer whose {@code asOf} is older than the deadline by the
 * time of a commit call can therefore never change.
 */
public class CommitDeadline {

    private static final Logger log = LoggerFactory.getLogger(CommitDeadline.class);

    private final Duration deadline;
    private final Clock clock;

    public CommitDeadline(Duration deadline, Clock clock) {
        this.deadline = deadline;
        this.clock = clock;
    }

    /** @throws LedgerRejection when the earliest stamp is older than the deadline */
    public void check(Instant earliestRecordedAt) {
        Instant now = clock.instant();
        if (earliestRecordedAt.plus(deadline).isBefore(now)) {
            log.warn("Rolled back a transaction whose first event was stamped {}, {} ago: commits must come within {}",
                    earliestRecordedAt, Duration.between(earliestRecordedAt, now), deadline);
            throw new LedgerRejection(LedgerRejection.Kind.UNAVAILABLE, null,
                    "the ledger could not commit this within %s of recording it, so it recorded nothing; send it again"
                            .formatted(deadline));
        }
    }
}
