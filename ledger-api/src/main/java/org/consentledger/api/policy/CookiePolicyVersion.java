package org.consentledger.api.policy;

/** Query: one version of a site's policy; answers {@code Optional<CookiePolicyPublished>}. */
public record CookiePolicyVersion(String siteId, int version) {
}
