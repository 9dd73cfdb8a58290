package org.consentledger.ledger.collect;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.store.collection.SiteCollectionTable;
import org.consentledger.support.BoundedMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sites' collection settings, read through a short-lived copy: the public endpoint looks them up on every request,
 * and a flood must not become a flood of queries. A change made here is seen at once; one made through another
 * instance within {@code ledger.collect.settings-refresh}.
 */
@Component
public class CollectionSites {

    private static final String KEY_PREFIX = "pk_";
    private static final int KEY_BYTES = 24;

    private record Copy(Optional<CollectionSite> site, Instant readAt) {
    }

    private final SiteCollectionTable table;
    private final Clock clock;
    private final Duration refresh;
    private final SecureRandom random = new SecureRandom();
    /** Ids of sites that do not exist are remembered too; a flood of them starts the copy afresh. */
    private final Map<String, Copy> copies;

    CollectionSites(SiteCollectionTable table, Clock clock, CollectionProperties properties) {
        this.table = table;
        this.clock = clock;
        this.refresh = properties.settingsRefresh();
        this.copies = BoundedMap.concurrentEmptiedWhenFull(properties.trackedClients());
    }

    public Optional<CollectionSite> find(String siteId) {
        Instant now = clock.instant();
        Copy copy = copies.get(siteId);
        if (copy == null || !copy.readAt().plus(refresh).isAfter(now)) {
            copy = new Copy(table.find(siteId).map(CollectionSites::site), now);
            copies.put(siteId, copy);
        }
        return copy.site();
    }

    /** Sets the site's origins; a site that had no settings gets its key now, one that had keeps it. */
    @Transactional
    public CollectionSite allowOrigins(String siteId, List<String> origins) {
        String key = table.find(siteId).map(SiteCollectionTable.Row::publishableKey).orElseGet(this::newKey);
        return save(new CollectionSite(siteId, key, Origins.checked(origins)));
    }

    /** A new key for the site: banners still sending the old one are refused from now on. */
    @Transactional
    public Optional<CollectionSite> rotateKey(String siteId) {
        return table.find(siteId).map(row -> save(new CollectionSite(siteId, newKey(), row.allowedOrigins())));
    }

    private CollectionSite save(CollectionSite site) {
        table.save(new SiteCollectionTable.Row(site.siteId(), site.publishableKey(), site.allowedOrigins(),
                clock.instant()));
        copies.put(site.siteId(), new Copy(Optional.of(site), clock.instant()));
        return site;
    }

    private String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static CollectionSite site(SiteCollectionTable.Row row) {
        return new CollectionSite(row.siteId(), row.publishableKey(), row.allowedOrigins());
    }
}
