package org.consentledger.projections.consent;

import org.axonframework.eventhandling.DomainEventMessage;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.verifier.Decision;

/** Reads the decision out of a visitor event as the event store hands it over. */
public final class StoredDecision {

    private StoredDecision() {
    }

    public static Decision of(DomainEventMessage<?> event) {
        if (event.getPayload() instanceof ConsentGiven given) {
            return Decision.of(given, event.getIdentifier(), event.getSequenceNumber());
        }
        if (event.getPayload() instanceof ConsentWithdrawn withdrawn) {
            return Decision.of(withdrawn, event.getIdentifier(), event.getSequenceNumber());
        }
        if (event.getPayload() instanceof ConsentGivenV1 given) {
            return Decision.of(given, event.getIdentifier(), event.getSequenceNumber());
        }
        if (event.getPayload() instanceof ConsentWithdrawnV1 withdrawn) {
            return Decision.of(withdrawn, event.getIdentifier(), event.getSequenceNumber());
        }
        throw new IllegalArgumentException("not a visitor event: " + event.getPayloadType());
    }
}
