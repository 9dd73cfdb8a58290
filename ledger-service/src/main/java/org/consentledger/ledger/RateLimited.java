package org.consentledger.ledger;

import java.time.Duration;

/** A refusal for now: the same request succeeds after {@link #retryAfter()}, which the answer's Retry-After says. */
public final class RateLimited extends LedgerRejection {

    private final Duration retryAfter;

    public RateLimited(String field, String message, Duration retryAfter) {
        super(Kind.RATE_LIMITED, field, message);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** Whole seconds, at least one: what {@code Retry-After} can say of a wait. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1_000);
    }
}
