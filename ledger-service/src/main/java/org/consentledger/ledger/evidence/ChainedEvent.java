package org.consentledger.ledger.evidence;

import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.consentledger.ledger.store.LedgerStorageEngine;

/**
 * An event with its links in the chain, which hands the event store the very payload bytes its hash was computed
 * from. Axon would otherwise serialize the payload a second time for the store; the same serializer gives the same
 * bytes, but with one serialization there is nothing to take on trust.
 */
final class ChainedEvent<T> extends GenericDomainEventMessage<T> {

    private final Serializer serializer;
    private final SerializedObject<byte[]> payload;

    ChainedEvent(DomainEventMessage<T> event, Map<String, ?> links, Serializer serializer,
                 SerializedObject<byte[]> payload) {
        super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(), event.getPayload(),
                event.getMetaData().mergedWith(links), event.getIdentifier(), event.getTimestamp());
        this.serializer = serializer;
        this.payload = payload;
    }

    /**
     * The metadata as stored: without the submission key the write path hands the store in it, which the store keeps
     * in a column of its own.
     */
    @Override
    public <R> SerializedObject<R> serializeMetaData(Serializer serializer, Class<R> expectedRepresentation) {
        return serializer.serialize(getMetaData().withoutKeys(Set.of(LedgerStorageEngine.SUBMISSION_KEY)),
                expectedRepresentation);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> SerializedObject<R> serializePayload(Serializer serializer, Class<R> expectedRepresentation) {
        if (serializer == this.serializer && expectedRepresentation == byte[].class) {
            return (SerializedObject<R>) payload;
        }
        return super.serializePayload(serializer, expectedRepresentation);
    }
}
