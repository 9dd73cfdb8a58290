package org.consentledger.api.policy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publish a new version of a site's cookie policy. A null {@code consentMaxAge} takes the ledger's default,
 * which is then written into the published event so that later configuration changes cannot alter answers.
 */
public record PublishCookiePolicy(CookiePolicy policy) {

    @TargetAggregateIdentifier
    public String siteId() {
        return policy.siteId();
    }
}
