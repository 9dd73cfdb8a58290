package org.consentledger.ledger.consent;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads the event that recorded a visitor's earlier submission, for a client that sends the same id again. Only
 * then is an earlier event read: to decide a new submission, a visitor's state says which ids were used and where.
 */
@Component
public class EarlierSubmissions {

    private final EventStore eventStore;

    public EarlierSubmissions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The stream's event at the given position, stored or staged in the current unit of work. */
    DomainEventMessage<?> event(String stream, long sequence) {
        return eventStore.readEvents(stream, sequence).asStream()
                .filter(event -> event.getSequenceNumber() == sequence)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("stream %s has no event %d".formatted(stream, sequence)));
    }
}
