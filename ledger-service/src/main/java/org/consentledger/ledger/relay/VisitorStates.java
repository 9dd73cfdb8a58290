package org.consentledger.ledger.relay;

import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.projections.consent.StoredDecision;
import org.consentledger.store.personal.FormatOneStreams;
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
    private final FormatOneStreams formatOne;

    VisitorStates(EventStore eventStore, PublishedPolicies policies, int remembered, FormatOneStreams formatOne) {
        this.eventStore = eventStore;
        this.formatOne = formatOne;
        this.policies = policies;
        this.recent = BoundedMap.synchronizedLeastRecentlyUsed(remembered);
    }

    /**
     * @param stream  the stream of the decision's event
     * @param subject the visitor's key: their stream's, or for an event of evidence format 1 (whose stream named the
     *                visitor) that of their first pseudonymous stream
     */
    VisitorState after(String stream, String subject, String siteId, Decision decision) {
        VisitorState previous = recent.get(stream);
        VisitorState state = previous != null && previous.sequence() == decision.sequence() - 1
                ? previous.then(decision, policy(siteId, decision.policyVersion()))
                : read(stream, subject, siteId, decision.sequence());
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

    /** The stream folded up to {@code sequence}, after the visitor's format 1 events when it is their first. */
    private VisitorState read(String stream, String subject, String siteId, long sequence) {
        List<Decision> history = decisions(stream, sequence);
        String formatOneStream = formatOne.any() ? formatOne.of(List.of(stream)).get(stream) : null;
        List<Decision> before = formatOneStream == null ? List.of() : decisions(formatOneStream, Long.MAX_VALUE);
        return VisitorState.fold(siteId, subject, before, history, version -> policy(siteId, version));
    }

    private List<Decision> decisions(String stream, long upTo) {
        return eventStore.readEvents(stream).asStream()
                .filter(e -> e.getSequenceNumber() <= upTo)
                .map(StoredDecision::of)
                .toList();
    }

    private CookiePolicy policy(String siteId, int version) {
        return policies.version(siteId, version).orElseThrow(() -> new IllegalStateException(
                "site %s has no policy version %d".formatted(siteId, version)));
    }
}
