package org.consentledger.ledger.store;

/**
 * A stored event as event processors read it: its global index and the event. A JPA query builds it
 * ({@code SELECT new ...}), so every column is named and typed here rather than read by position.
 */
public record TrackedRow(long globalIndex, StoredEvent<?> event) {

    /** The columns of Axon's entry, in the order the query names them. */
    public TrackedRow(long globalIndex, String type, String aggregateIdentifier, long sequenceNumber,
                      String eventIdentifier, Object timestamp, String payloadType, String payloadRevision,
                      Object payload, Object metaData) {
        // Axon stores an event that belongs to no stream with its own id as its stream.
        this(globalIndex, new StoredEvent<>(type, eventIdentifier.equals(aggregateIdentifier) ? null
                : aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                payload, metaData));
    }
}
