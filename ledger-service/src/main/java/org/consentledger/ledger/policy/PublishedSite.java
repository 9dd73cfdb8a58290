package org.consentledger.ledger.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.ledger.write.SiteState;

/**
 * A site's policy versions as decisions read them, with the receipt each was answered with (a version published
 * again with the same content is answered with it).
 */
public record PublishedSite(PolicyVersions versions, Map<Integer, PolicyReceipt> receipts) implements SiteState {

    public PublishedSite {
        receipts = Map.copyOf(receipts);
    }

    static PublishedSite none(String siteId) {
        return new PublishedSite(new PolicyVersions(siteId, List.of()), Map.of());
    }

    /** What the ledger answers for a published version. */
    public static PolicyReceipt receipt(String eventId, CookiePolicyPublished event) {
        CookiePolicy policy = event.policy();
        return new PolicyReceipt(eventId, event.siteId(), policy.version(), policy.effectiveFrom(),
                policy.consentMaxAge(), event.recordedAt(), false);
    }

    @Override
    public PublishedSite recorded(Object event, String eventId) {
        if (!(event instanceof CookiePolicyPublished published)) {
            return this;
        }
        List<CookiePolicy> next = new ArrayList<>(versions.versions());
        next.add(published.policy());
        Map<Integer, PolicyReceipt> answered = new HashMap<>(receipts);
        answered.put(published.version(), receipt(eventId, published));
        return new PublishedSite(new PolicyVersions(versions.siteId(), next), answered);
    }
}
