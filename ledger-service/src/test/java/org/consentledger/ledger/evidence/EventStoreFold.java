package org.consentledger.ledger.evidence;

import java.time.Duration;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.projections.consent.StoredDecision;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.PointInTimeResolver;
import org.consentledger.verifier.SignalDecision;

/** The answer an auditor gets by folding the site's and the visitor's streams straight from the event store. */
final class EventStoreFold {

    private final EventStore eventStore;
    private final VisitorStreams streams;
    private final Duration renewBefore;

    /** @param renewBefore the ledger's {@code ledger.consent.renew-before}, which the answers state */
    EventStoreFold(EventStore eventStore, VisitorStreams streams, Duration renewBefore) {
        this.eventStore = eventStore;
        this.streams = streams;
        this.renewBefore = renewBefore;
    }

    ConsentAnswer answer(ConsentAt query) {
        List<CookiePolicyPublished> policies = policies(query.siteId());
        List<Decision> history = eventStore.readEvents(streams.current(query.siteId(), query.visitorId())).asStream()
                .map(StoredDecision::of)
                .toList();
        return PointInTimeResolver.resolve(query, policies, history, renewBefore);
    }

    /** The site's policy versions; its stream also holds its notices. */
    List<CookiePolicyPublished> policies(String siteId) {
        return eventStore.readEvents(siteId).asStream()
                .filter(e -> e.getPayload() instanceof CookiePolicyPublished)
                .map(e -> (CookiePolicyPublished) e.getPayload())
                .toList();
    }

    /** The visitor's consents that carried a TC or GPP string, straight from their stream. */
    List<SignalDecision> signals(ConsentAt query) {
        return eventStore.readEvents(streams.current(query.siteId(), query.visitorId())).asStream()
                .flatMap(e -> SignalDecision.ofRecord(e.getPayload(), e.getIdentifier(), e.getSequenceNumber())
                        .stream())
                .toList();
    }
}
