package org.consentledger.ledger.collect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * What lets a site's visitors' browsers record their decisions: the publishable key its banner sends (it names the
 * site, as a banner's site id does, and is no secret) and the origins its pages are served from.
 */
public record CollectionSite(String siteId, String publishableKey, List<String> allowedOrigins) {

    public CollectionSite {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    boolean keyMatches(String key) {
        return key != null && MessageDigest.isEqual(publishableKey.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8));
    }

    boolean allows(String origin) {
        return Origins.allowed(allowedOrigins, origin);
    }
}
