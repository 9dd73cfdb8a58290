package org.consentledger.api.policy;

import java.time.Instant;
import org.consentledger.api.Recorded;

/** A policy version became part of the ledger at {@code recordedAt}; it applies from its {@code effectiveFrom}. */
public record CookiePolicyPublished(CookiePolicy policy, Instant recordedAt) implements Recorded {

    public String siteId() {
        return policy.siteId();
    }

    public int version() {
        return policy.version();
    }
}
