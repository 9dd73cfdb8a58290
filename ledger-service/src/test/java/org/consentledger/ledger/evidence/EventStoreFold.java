package org.consentledger.ledger.evidence;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.projections.consent.StoredDecision;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.PointInTimeResolver;

/** The answer an auditor gets by folding the site's and the visitor's streams straight from the event store. */
final class EventStoreFold {

    private final EventStore eventStore;

    EventStoreFold(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    ConsentAnswer answer(ConsentAt query) {
        List<CookiePolicyPublished> policies = eventStore.readEvents(query.siteId()).asStream()
                .map(e -> (CookiePolicyPublished) e.getPayload())
                .toList();
        List<Decision> history = eventStore.readEvents(VisitorStream.id(query.siteId(), query.visitorId())).asStream()
                .map(StoredDecision::of)
                .toList();
        return PointInTimeResolver.resolve(query, policies, history);
    }
}
