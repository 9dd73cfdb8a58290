package org.consentledger.api.consent;

import java.time.Instant;

/**
 * What the ledger answers to a consent or withdrawal: the id of the event that holds it and when it was stored.
 * A resubmission gets the original receipt back, with {@code replayed} set.
 */
public record Receipt(
        String eventId,
        String type,
        String siteId,
        String visitorId,
        String submissionId,
        Instant occurredAt,
        Instant recordedAt,
        boolean replayed) {

    public Receipt asReplay() {
        return new Receipt(eventId, type, siteId, visitorId, submissionId, occurredAt, recordedAt, true);
    }
}
