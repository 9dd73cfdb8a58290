package org.consentledger.ledger.store;

import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;

/**
 * An event row as read from the store, whose timestamp is read once. Axon's entries keep the stored text and parse
 * it with {@code DateTimeFormatter} on every call, several times per event and processor, which made much of what a
 * replay allocates (benchmark/MEASUREMENTS.md). The stored text is the one Axon wrote, in the form
 * {@link StoredInstants} reads (anything else goes to Axon's parser).
 */
public final class StoredEvent<T> extends GenericDomainEventEntry<T> {

    private final Instant timestamp;

    /** The arguments of Axon's entry, so a JPA query can build it ({@code SELECT new ...}) as it builds Axon's. */
    public StoredEvent(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                       Object timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                payload, metaData);
        this.timestamp = instant(timestamp.toString());
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    static Instant instant(String stored) {
        Instant instant = StoredInstants.parse(stored);
        return instant != null ? instant : DateTimeUtils.parseInstant(stored);
    }
}
