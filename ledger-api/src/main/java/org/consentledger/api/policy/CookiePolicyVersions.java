package org.consentledger.api.policy;

/** Query: every published version of a site's policy, oldest first; answers {@code List<CookiePolicyPublished>}. */
public record CookiePolicyVersions(String siteId) {
}
