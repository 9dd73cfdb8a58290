package org.consentledger.ledger.relay;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.projections.consent.Decision;

/** Reads a visitor's stream from the event store, as far as a given event, and folds it into its state. */
class VisitorStates {

    private final EventStore eventStore;
    private final PublishedPolicies policies;

    VisitorStates(EventStore eventStore, PublishedPolicies policies) {
        this.eventStore = eventStore;
        this.policies = policies;
    }

    VisitorState after(String siteId, String visitorId, long sequence) {
        List<Decision> history = eventStore.readEvents(VisitorStream.id(siteId, visitorId)).asStream()
                .filter(e -> e.getSequenceNumber() <= sequence)
                .map(Decision::from)
                .toList();
        return VisitorState.fold(siteId, visitorId, history, version -> policies.version(siteId, version)
                .orElseThrow(() -> new IllegalStateException("site %s has no policy version %d"
                        .formatted(siteId, version))));
    }
}
