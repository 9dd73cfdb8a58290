package org.consentledger.ledger.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.store.StoredStreams;

/** Policies shaped like the seed sites' ones, and a real (in-memory) event store to publish them in. */
public final class TestPolicies {

    public static final String SITE = "shop.example.org";

    private TestPolicies() {
    }

    public static List<CookieCategory> categories() {
        return List.of(
                new CookieCategory("necessary", "Necessary", null, false),
                new CookieCategory("statistics", "Statistics", null, true),
                new CookieCategory("first-party", "First-party", null, true),
                new CookieCategory("third-party", "Third-party", null, true));
    }

    public static CookiePolicy version1(Instant effectiveFrom) {
        return new CookiePolicy(SITE, 1, effectiveFrom, Duration.ofDays(395), categories(), List.of(
                new Cookie("sessionid", "Shop", "Authentication", "Remember the user", "necessary"),
                new Cookie("_pk_id", "Matomo", "Statistics", "Count visits", "statistics")), null);
    }

    /** Version 2 adds a third-party cookie. */
    public static CookiePolicy version2(Instant effectiveFrom) {
        return new CookiePolicy(SITE, 2, effectiveFrom, Duration.ofDays(30), categories(), List.of(
                new Cookie("sessionid", "Shop", "Authentication", "Remember the user", "necessary"),
                new Cookie("_pk_id", "Matomo", "Statistics", "Count visits", "statistics"),
                new Cookie("_ads", "AdNet", "Advertising", "Target ads", "third-party")), null);
    }

    public static EventStore storeWith(Instant recordedAt, CookiePolicy... policies) {
        EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        for (int i = 0; i < policies.length; i++) {
            store.publish(new GenericDomainEventMessage<>("SitePolicies", policies[i].siteId(), i,
                    new CookiePolicyPublished(policies[i], recordedAt)));
        }
        return store;
    }

    /** The streams' heads as {@code store} holds them, one stream at a time. */
    public static StoredStreams headsOf(EventStore store) {
        return ids -> {
            Map<String, Long> last = new HashMap<>();
            ids.forEach(id -> store.lastSequenceNumberFor(id).ifPresent(sequence -> last.put(id, sequence)));
            return last;
        };
    }
}
