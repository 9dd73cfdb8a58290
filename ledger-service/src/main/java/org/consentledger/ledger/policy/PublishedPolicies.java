package org.consentledger.ledger.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.ledger.write.SiteState;
import org.consentledger.ledger.write.SiteStates;
import org.consentledger.store.StoredStreams;
import org.springframework.stereotype.Component;

/**
 * The write side's view of published policies and notices, read straight from the site's stream in the event store
 * so that a consent can be checked against a version the moment it is published. Versions and notices never change
 * once published, so they are cached; only "which version is in force" needs to know whether a newer one arrived.
 */
@Component
public class PublishedPolicies implements SiteStates {

    private final EventStore eventStore;
    private final StoredStreams streams;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    public PublishedPolicies(EventStore eventStore, StoredStreams streams) {
        this.eventStore = eventStore;
        this.streams = streams;
    }

    /**
     * The given sites as published now, asking the store in one statement how far their streams go; only a site
     * whose stream moved on since it was cached is read again.
     */
    @Override
    public Map<String, SiteState> load(Collection<String> siteIds) {
        Map<String, Long> heads = streams.lastSequences(siteIds);
        Map<String, SiteState> loaded = new HashMap<>();
        for (String site : siteIds) {
            loaded.put(site, current(site, heads.getOrDefault(site, -1L)).site());
        }
        return loaded;
    }

    /** A published version never changes, so a cached one is answered without asking whether others came. */
    public Optional<CookiePolicy> version(String siteId, int version) {
        Optional<CookiePolicy> cached = cached(siteId).site().versions().version(version);
        return cached.isPresent() ? cached : load(siteId).site().versions().version(version);
    }

    /** The site's versions as published now. */
    public PolicyVersions versionsOf(String siteId) {
        return current(siteId, eventStore.lastSequenceNumberFor(siteId).orElse(-1L)).site().versions();
    }

    public Optional<CookiePolicy> latest(String siteId) {
        return versionsOf(siteId).latest();
    }

    public boolean hasSite(String siteId) {
        return cached(siteId).site().versions().exists() || eventStore.lastSequenceNumberFor(siteId).isPresent();
    }

    private Loaded cached(String siteId) {
        return cache.getOrDefault(siteId, new Loaded(-1, PublishedSite.none(siteId)));
    }

    private Loaded current(String siteId, long lastSequence) {
        Loaded cached = cached(siteId);
        return cached.lastSequence() == lastSequence ? cached : load(siteId);
    }

    private Loaded load(String siteId) {
        PublishedSite site = PublishedSite.none(siteId);
        long last = -1;
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(siteId).asStream()
                .filter(e -> e.getPayload() instanceof CookiePolicyPublished
                        || e.getPayload() instanceof NoticePublished)
                .sorted(Comparator.comparingInt(PublishedPolicies::policyVersion))
                .toList();
        for (DomainEventMessage<?> event : events) {
            site = site.recorded(event.getPayload(), event.getIdentifier());
            last = Math.max(last, event.getSequenceNumber());
        }
        Loaded loaded = new Loaded(last, site);
        cache.put(siteId, loaded);
        return loaded;
    }

    /** Policies in the order of their versions; a notice needs no order, and may only present a published version. */
    private static int policyVersion(DomainEventMessage<?> event) {
        return event.getPayload() instanceof CookiePolicyPublished policy ? policy.version() : Integer.MAX_VALUE;
    }

    /** The site's notice, as published now. */
    public Optional<PublishedSite.Notice> notice(String siteId, String noticeId) {
        Optional<PublishedSite.Notice> cached = cached(siteId).site().notice(noticeId);
        return cached.isPresent() ? cached : load(siteId).site().notice(noticeId);
    }

    /** The site's notices as published now, by notice id. */
    public Map<String, PublishedSite.Notice> noticesOf(String siteId) {
        return current(siteId, eventStore.lastSequenceNumberFor(siteId).orElse(-1L)).site().notices();
    }

    /** @param lastSequence sequence number of the site stream's last event */
    private record Loaded(long lastSequence, PublishedSite site) {
    }
}
