package org.consentledger.api.erasure;

import java.time.Instant;

/**
 * What the ledger answers to an erasure: the event that records it. The same erasure sent again gets the same receipt,
 * with {@code replayed} set.
 */
public record ErasureReceipt(
        String eventId,
        String type,
        String siteId,
        String visitorId,
        String erasureId,
        String reason,
        Instant requestedAt,
        Instant recordedAt,
        boolean replayed) {

    public ErasureReceipt asReplay() {
        return new ErasureReceipt(eventId, type, siteId, visitorId, erasureId, reason, requestedAt, recordedAt, true);
    }
}
