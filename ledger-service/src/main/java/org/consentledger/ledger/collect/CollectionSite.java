package org.consentledger.ledger.collect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.consentledger.ledger.LedgerRejection;

/**
 * What lets a site's visitors' browsers record their decisions: the publishable key its banner sends (it names the
 * site, as a banner's site id does, and is no secret) and the origins its pages are served from.
 */
public record CollectionSite(String siteId, String publishableKey, List<String> allowedOrigins) {

    public CollectionSite {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Refuses a request without the site's current publishable key, compared in constant time. */
    void requireKey(String key) {
        if (key == null || !MessageDigest.isEqual(publishableKey.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8))) {
            throw new LedgerRejection(LedgerRejection.Kind.FORBIDDEN, "key", key == null
                    ? "a browser's request carries the site's publishable key ('key')"
                    : "this is not site '%s''s publishable key".formatted(siteId));
        }
    }

    boolean allows(String origin) {
        return Origins.allowed(allowedOrigins, origin);
    }
}
