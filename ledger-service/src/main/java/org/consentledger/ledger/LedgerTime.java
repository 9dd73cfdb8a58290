package org.consentledger.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The ledger's instants have microsecond precision, what PostgreSQL's timestamps hold: an instant stored with more
 * would come back different on one database than on the other, and a hash over it would no longer match.
 */
public final class LedgerTime {

    private LedgerTime() {
    }

    /** The clock's instant at the ledger's precision. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Refuses a client's instant finer than the ledger stores, naming the field, rather than rounding it. */
    public static void requireMicros(Instant instant, String field) {
        if (instant.getNano() % 1_000 != 0) {
            throw LedgerRejection.invalid(field, field + " may have at most microsecond precision");
        }
    }
}
