package org.consentledger.ledger.evidence;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.projections.consent.StoredDecision;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.PointInTimeResolver;

/** The answer an auditor gets by folding the site's and the visitor's streams straight from the event store. */
final class EventStoreFold {

    private final EventStore eventStore;
    private final VisitorStreams streams;

    EventStoreFold(EventStore eventStore, VisitorStreams streams) {
        this.eventStore = eventStore;
        this.streams = streams;
    }

    ConsentAnswer answer(ConsentAt query) {
        List<CookiePolicyPublished> policies = eventStore.readEvents(query.siteId()).asStream()
                .map(e -> (CookiePolicyPublished) e.getPayload())
                .toList();
        List<Decision> history = eventStore.readEvents(streams.current(query.siteId(), query.visitorId())).asStream()
                .map(StoredDecision::of)
                .toList();
        return PointInTimeResolver.resolve(query, policies, history);
    }
}
