package org.consentledger.projections.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.CookiePolicyVersion;
import org.consentledger.api.policy.CookiePolicyVersions;
import org.consentledger.projections.CatchUpWait;
import org.consentledger.projections.ColumnLimits;
import org.consentledger.projections.ParkedStreams;
import org.consentledger.projections.ReadModelPosition;
import org.consentledger.projections.ReadModelProcessor;
import org.consentledger.store.StoredPolicyEvents;
import org.consentledger.store.readmodels.ColumnWidths;
import org.consentledger.store.readmodels.PolicyCatalogTable;
import org.consentledger.store.readmodels.ReadModelNames;
import org.consentledger.store.readmodels.ReadModelPositions;
import org.consentledger.support.BoundedMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Every published policy version of every site, kept whole (as the ledger serialized the event) so that an answer
 * can quote the exact policy it was judged under.
 */
@Component
@ProcessingGroup(ReadModelProcessor.NAME)
public class PolicyCatalogProjection {

    public static final String NAME = ReadModelNames.POLICY_CATALOG;

    /** Sites whose versions are kept parsed; past this the least recently asked leave first. */
    private static final int CACHED_SITES = 1_000;

    private final PolicyCatalogTable table;
    private final Serializer serializer;
    private final StoredPolicyEvents policyEvents;
    private final ReadModelPosition position;
    private final ColumnLimits columns;
    private final ParkedStreams parked;
    private final Map<String, List<CookiePolicyPublished>> parsed = BoundedMap.leastRecentlyUsed(CACHED_SITES);

    public PolicyCatalogProjection(PolicyCatalogTable table, @Qualifier("eventSerializer") Serializer serializer,
                                   StoredPolicyEvents policyEvents, ParkedStreams parked, ReadModelPositions positions,
                                   ColumnWidths widths) {
        this.table = table;
        this.serializer = serializer;
        this.policyEvents = policyEvents;
        this.parked = parked;
        this.position = new ReadModelPosition(NAME, positions);
        this.columns = new ColumnLimits(widths, NAME, "policy_catalog");
    }

    /**
     * Every other event still moves the position: the catalog holds every version published before it.
     * It takes no payload, so that the event is not deserialized for it.
     */
    @EventHandler(payloadType = Object.class)
    void passed(TrackingToken token) {
        position.reached(token);
    }

    @EventHandler
    void on(CookiePolicyPublished event, @MessageIdentifier String eventId, TrackingToken token) {
        String document = serializer.serialize(event, String.class).getData();
        columns.check("site_id", event.siteId());
        columns.check("event_id", eventId);
        columns.check("document", document);
        position.reached(token);
        // Streaming processors deliver at least once: a version already recorded is not recorded again.
        if (!table.holds(eventId)) {
            table.insert(new PolicyCatalogTable.Row(event.siteId(), event.version(), eventId, document),
                    event.policy().effectiveFrom(), event.recordedAt());
        }
    }

    @ResetHandler
    void reset() {
        position.forget();
        table.clear();
    }

    /** Every version the store held when asked, oldest first; none for an unknown site. */
    @QueryHandler
    public List<CookiePolicyPublished> versions(CookiePolicyVersions query) {
        return whenWhole(query.siteId(), versions -> versions);
    }

    @QueryHandler
    public Optional<CookiePolicyPublished> version(CookiePolicyVersion query) {
        return whenWhole(query.siteId(), versions -> versions.stream()
                .filter(published -> published.version() == query.version())
                .findFirst());
    }

    private <T> T whenWhole(String siteId, Function<List<CookiePolicyPublished>, T> answer) {
        long stored = policyEvents.policyEvents(siteId);
        parked.refuseIfParked(List.of(siteId));
        return CatchUpWait.until(() -> versions(siteId, stored).map(answer),
                () -> "the policy catalog has not yet taken in every version of site '%s'".formatted(siteId));
    }

    /**
     * The site's versions, oldest first, if there are at least {@code count} of them; empty while the catalog holds
     * fewer (it lags the store, or was emptied for a replay). Every point-in-time answer needs them, and parsing a
     * site's documents (page text included) was half the work of an answer; so they are kept parsed. A published
     * version never changes and is never withdrawn, so a parsed list that is long enough is the answer, also while
     * the catalog is being rebuilt: the catalog is read only when a version is new here.
     */
    public Optional<List<CookiePolicyPublished>> versions(String siteId, long count) {
        List<CookiePolicyPublished> known;
        synchronized (parsed) {
            known = parsed.get(siteId);
        }
        if (known == null || known.size() < count) {
            known = read(siteId);
            if (known.size() < count) {
                return Optional.empty();
            }
            synchronized (parsed) {
                parsed.put(siteId, known);
            }
        }
        return Optional.of(known);
    }

    private List<CookiePolicyPublished> read(String siteId) {
        return table.documents(siteId).stream().map(this::deserialize).toList();
    }

    private CookiePolicyPublished deserialize(String document) {
        return serializer.deserialize(
                new SimpleSerializedObject<>(document, String.class, CookiePolicyPublished.class.getName(), null));
    }
}
