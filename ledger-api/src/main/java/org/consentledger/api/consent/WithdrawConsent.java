package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;

/**
 * Withdraw a visitor's consent.
 *
 * @param withdrawalId the client's id for this submission; resubmitting it is idempotent
 * @param categories   the categories withdrawn; empty withdraws every category that requires consent
 */
public record WithdrawConsent(
        String siteId,
        String visitorId,
        String withdrawalId,
        Instant occurredAt,
        List<String> categories) implements ConsentDecision {
}
