package org.consentledger.projections.consent;

import org.axonframework.eventhandling.DomainEventMessage;
import org.consentledger.verifier.Decision;

/** Reads the decision out of a visitor event as the event store hands it over. */
public final class StoredDecision {

    private StoredDecision() {
    }

    public static Decision of(DomainEventMessage<?> event) {
        return Decision.ofRecord(event.getPayload(), event.getIdentifier(), event.getSequenceNumber())
                .orElseThrow(() -> new IllegalArgumentException("not a visitor event: " + event.getPayloadType()));
    }
}
