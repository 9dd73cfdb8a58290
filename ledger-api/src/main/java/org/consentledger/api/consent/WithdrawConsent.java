package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Withdraw a visitor's consent.
 *
 * @param withdrawalId the client's id for this submission; resubmitting it is idempotent
 * @param categories   the categories withdrawn; empty withdraws every category that requires consent
 * @param evidence     what the client saw of the visitor (page, address, user agent); may be empty
 * @param context      how and where the visitor withdrew; null when the client did not say
 * @param browser      the page origin, when the visitor's browser sent the withdrawal itself; null from a back end
 */
public record WithdrawConsent(
        String siteId,
        String visitorId,
        String withdrawalId,
        Instant occurredAt,
        List<String> categories,
        Map<String, String> evidence,
        DecisionContext context,
        BrowserSubmission browser) implements ConsentDecision {

    public WithdrawConsent(String siteId, String visitorId, String withdrawalId, Instant occurredAt,
                           List<String> categories) {
        this(siteId, visitorId, withdrawalId, occurredAt, categories, Map.of(), null, null);
    }
}
