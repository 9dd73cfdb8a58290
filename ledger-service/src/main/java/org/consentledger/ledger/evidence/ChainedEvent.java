package org.consentledger.ledger.evidence;

import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

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

    @Override
    @SuppressWarnings("unchecked")
    public <R> SerializedObject<R> serializePayload(Serializer serializer, Class<R> expectedRepresentation) {
        if (serializer == this.serializer && expectedRepresentation == byte[].class) {
            return (SerializedObject<R>) payload;
        }
        return super.serializePayload(serializer, expectedRepresentation);
    }
}
