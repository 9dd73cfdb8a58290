package org.consentledger.ledger.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.store.StoredStreams;
import org.consentledger.support.PerBatch;
import org.springframework.stereotype.Component;

/**
 * The write side's view of published policies, read straight from the site's stream in the event store so that a
 * consent can be checked against a version the moment it is published. Versions never change once published, so
 * they are cached; only "which version is in force" needs to know whether a newer one arrived.
 */
@Component
public class PublishedPolicies {

    private final EventStore eventStore;
    private final StoredStreams streams;
    private final Map<String, SiteVersions> cache = new ConcurrentHashMap<>();
    /** The site streams' positions the current unit of work has read. */
    private final PerBatch<Map<String, Long>> lastSequences = PerBatch.of("site positions", HashMap::new);

    public PublishedPolicies(EventStore eventStore, StoredStreams streams) {
        this.eventStore = eventStore;
        this.streams = streams;
    }

    /**
     * Reads the given sites' streams' positions for the current unit of work (which must have started) in one
     * statement, so that checking its decisions asks the store nothing more about them: a round trip to the
     * database per site and batch, before.
     */
    public void readAhead(Collection<String> siteIds) {
        Map<String, Long> read = lastSequences.current();
        List<String> unread = siteIds.stream().distinct().filter(site -> !read.containsKey(site)).toList();
        Map<String, Long> stored = streams.lastSequences(unread);
        unread.forEach(site -> read.put(site, stored.getOrDefault(site, -1L)));
    }

    /** A published version never changes, so a cached one is answered without asking whether others came. */
    public Optional<CookiePolicy> version(String siteId, int version) {
        Optional<CookiePolicy> cached = cached(siteId).versions().version(version);
        return cached.isPresent() ? cached : load(siteId).versions().version(version);
    }

    /** The site's versions as published now (in a batch: when the batch first asked, or read its sites ahead). */
    public PolicyVersions versionsOf(String siteId) {
        return current(siteId).versions();
    }

    public Optional<CookiePolicy> latest(String siteId) {
        return versionsOf(siteId).latest();
    }

    public boolean hasSite(String siteId) {
        return cached(siteId).versions().exists() || eventStore.lastSequenceNumberFor(siteId).isPresent();
    }

    private SiteVersions cached(String siteId) {
        return cache.getOrDefault(siteId, new SiteVersions(-1, new PolicyVersions(siteId, List.of())));
    }

    private SiteVersions current(String siteId) {
        SiteVersions cached = cached(siteId);
        return cached.lastSequence == lastSequence(siteId) ? cached : load(siteId);
    }

    /**
     * The site stream's last sequence number, read once per unit of work: a batch of a thousand decisions would ask
     * the store at every withdrawal, for the few sites it holds (figures in benchmark/MEASUREMENTS.md). The batch's
     * decisions are then all checked against the versions published when it first asked (or read its sites ahead),
     * as if it had been decided at that moment.
     */
    private long lastSequence(String siteId) {
        if (!PerBatch.inBatch()) {
            return eventStore.lastSequenceNumberFor(siteId).orElse(-1L);
        }
        return lastSequences.current()
                .computeIfAbsent(siteId, site -> eventStore.lastSequenceNumberFor(site).orElse(-1L));
    }

    private SiteVersions load(String siteId) {
        List<CookiePolicy> versions = eventStore.readEvents(siteId).asStream()
                .filter(e -> e.getPayload() instanceof CookiePolicyPublished)
                .map(e -> ((CookiePolicyPublished) e.getPayload()).policy())
                .sorted(Comparator.comparingInt(CookiePolicy::version))
                .toList();
        SiteVersions loaded = new SiteVersions(versions.size() - 1L, new PolicyVersions(siteId, versions));
        cache.put(siteId, loaded);
        return loaded;
    }

    /** @param lastSequence sequence number of the site stream's last event; each event publishes one version */
    private record SiteVersions(long lastSequence, PolicyVersions versions) {
    }
}
