package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Record the choice a visitor made in a site's consent banner.
 *
 * @param consentId  the client's id for this submission; resubmitting it is idempotent
 * @param occurredAt when the visitor chose, by the client's clock
 * @param source     which client submitted it (banner, app, back end); may be null
 * @param evidence   what the client saw of the visitor's context, such as user agent and language; may be empty
 * @param context    how and where the visitor chose; null when the client did not say
 * @param tcString   the IAB TCF v2 TC string the site's CMP made of the choice; null without one
 * @param gppString  the IAB GPP string the site's CMP made of the choice; null without one
 * @param gpc        whether the visitor's browser sent the Global Privacy Control signal with the choice
 * @param browser    the page origin, when the visitor's browser sent the choice itself; null from a back end
 */
public record GiveConsent(
        String siteId,
        String visitorId,
        String consentId,
        int policyVersion,
        Instant occurredAt,
        List<String> granted,
        List<String> denied,
        String source,
        Map<String, String> evidence,
        DecisionContext context,
        String tcString,
        String gppString,
        boolean gpc,
        BrowserSubmission browser) implements ConsentDecision {

    public GiveConsent(String siteId, String visitorId, String consentId, int policyVersion, Instant occurredAt,
                       List<String> granted, List<String> denied, String source, Map<String, String> evidence) {
        this(siteId, visitorId, consentId, policyVersion, occurredAt, granted, denied, source, evidence, null, null,
                null, false, null);
    }
}
