package org.consentledger.ledger.relay;

import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.projections.consent.StoredDecision;
import org.consentledger.support.BoundedMap;
import org.consentledger.verifier.Decision;

/**
 * Each visitor's state after a given event of its stream. The relay meets a visitor's events in stream order, so
 * the state after the previous event, when remembered, is brought forward by one event; otherwise (first meeting,
 * forgotten, or a retried batch going back) the stream is read from the event store and folded.
 */
class VisitorStates {

    private final EventStore eventStore;
    private final PublishedPolicies policies;
    private final Map<String, VisitorState> recent;

    VisitorStates(EventStore eventStore, PublishedPolicies policies, int remembered) {
        this.eventStore = eventStore;
        this.policies = policies;
        this.recent = BoundedMap.synchronizedLeastRecentlyUsed(remembered);
    }

    VisitorState after(String stream, String siteId, Decision decision) {
        VisitorState previous = recent.get(stream);
        VisitorState state = previous != null && previous.sequence() == decision.sequence() - 1
                ? previous.then(decision, policy(siteId, decision.policyVersion()))
                : read(stream, siteId, decision.sequence());
        recent.put(stream, state);
        return state;
    }

    /** After the stream's erasure: nothing of it is kept. */
    void forget(String stream) {
        recent.remove(stream);
    }

    /** Whether the visitor's stream holds an event after the one at {@code sequence}. */
    boolean newerThan(String stream, long sequence) {
        return eventStore.lastSequenceNumberFor(stream).orElse(-1L) > sequence;
    }

    private VisitorState read(String stream, String siteId, long sequence) {
        List<Decision> history = eventStore.readEvents(stream).asStream()
                .filter(e -> e.getSequenceNumber() <= sequence)
                .map(StoredDecision::of)
                .toList();
        return VisitorState.fold(siteId, VisitorStreams.visitorKey(stream), history, version -> policy(siteId, version));
    }

    private CookiePolicy policy(String siteId, int version) {
        return policies.version(siteId, version).orElseThrow(() -> new IllegalStateException(
                "site %s has no policy version %d".formatted(siteId, version)));
    }
}
