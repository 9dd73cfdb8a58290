package org.consentledger.ledger.store;

import java.time.Instant;

/** When the event at a global index was stored; a JPA query builds it ({@code SELECT new ...}). */
public record StoredTime(long globalIndex, Instant timestamp) {

    public StoredTime(long globalIndex, Object timestamp) {
        this(globalIndex, StoredEvent.instant(timestamp.toString()));
    }
}
