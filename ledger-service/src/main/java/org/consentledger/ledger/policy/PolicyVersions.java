package org.consentledger.ledger.policy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.consentledger.api.policy.CookiePolicy;

/**
 * A site's published cookie policy versions as they stood at one moment, oldest first: the plain value the rules
 * decide against, so that they need no store to ask.
 */
public record PolicyVersions(String siteId, List<CookiePolicy> versions) {

    public PolicyVersions {
        versions = List.copyOf(versions);
    }

    /** Whether the site has published any version, which is what makes it a site of the ledger. */
    public boolean exists() {
        return !versions.isEmpty();
    }

    public Optional<CookiePolicy> version(int version) {
        return versions.stream().filter(p -> p.version() == version).findFirst();
    }

    /** The highest version published, which a new one must follow. */
    public Optional<CookiePolicy> latest() {
        return versions.stream().max(Comparator.comparingInt(CookiePolicy::version));
    }

    /** The newest version whose effectiveFrom is not after {@code instant}. */
    public Optional<CookiePolicy> inForceAt(Instant instant) {
        return versions.stream()
                .filter(p -> !p.effectiveFrom().isAfter(instant))
                .max(Comparator.comparingInt(CookiePolicy::version));
    }
}
