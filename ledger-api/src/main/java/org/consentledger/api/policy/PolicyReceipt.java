package org.consentledger.api.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * What the ledger answers to publishing a policy version. Publishing an identical version again gets the original
 * receipt back, with {@code replayed} set.
 */
public record PolicyReceipt(
        String eventId,
        String siteId,
        int version,
        Instant effectiveFrom,
        Duration consentMaxAge,
        Instant recordedAt,
        boolean replayed) {

    public PolicyReceipt asReplay() {
        return new PolicyReceipt(eventId, siteId, version, effectiveFrom, consentMaxAge, recordedAt, true);
    }
}
