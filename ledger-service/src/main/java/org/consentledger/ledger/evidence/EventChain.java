package org.consentledger.ledger.evidence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.consentledger.api.EventType;
import org.consentledger.support.BoundedMap;
import org.consentledger.support.PerBatch;
import org.consentledger.verifier.EventHash;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every event, before it is stored, its hash and the hash of the event before it in the same stream
 * ({@link EventHash}), as metadata that the event store keeps with the event. Altering, removing or reordering a
 * stored event then breaks the chain where it happened.
 */
public class EventChain implements MessageDispatchInterceptor<EventMessage<?>> {

    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    private final EventStorageEngine storage;
    private final Serializer serializer;
    private final JsonMapper json = JsonMapper.builder().build();
    /** The last committed link of recently written streams, so that most appends need no read. */
    private final Map<String, Link> committed;
    private final PerBatch<Map<String, Link>> pending;

    public EventChain(EventStorageEngine storage, Serializer serializer, int rememberedStreams) {
        this.storage = storage;
        this.serializer = serializer;
        this.committed = BoundedMap.synchronizedLeastRecentlyUsed(rememberedStreams);
        this.pending = PerBatch.<Map<String, Link>>of("chain links", HashMap::new).afterCommit(committed::putAll);
    }

    record Link(long sequence, String hash) {
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Link> pending = pendingLinks();
        return (index, message) -> {
            if (!(message instanceof DomainEventMessage<?> event)) {
                return message;
            }
            String stream = event.getAggregateIdentifier();
            String previous = previousHash(stream, event.getSequenceNumber(), pending);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            String hash = EventHash.of(event.getIdentifier(), EventType.of(event.getPayload()).formatOneName(), stream,
                    event.getSequenceNumber(), json.readTree(payload.getData()), previous);
            pending.put(stream, new Link(event.getSequenceNumber(), hash));
            return new ChainedEvent<>(event, Map.of(HASH, hash, PREVIOUS_HASH, previous), serializer, payload);
        };
    }

    private String previousHash(String stream, long sequence, Map<String, Link> pending) {
        if (sequence == 0) {
            return EventHash.GENESIS;
        }
        for (Link link : new Link[] {pending.get(stream), committed.get(stream)}) {
            if (link != null && link.sequence() == sequence - 1) {
                return link.hash();
            }
        }
        return storage.readEvents(stream, sequence - 1).asStream()
                .filter(e -> e.getSequenceNumber() == sequence - 1)
                .findFirst()
                .map(e -> (String) e.getMetaData().get(HASH))
                .orElseThrow(() -> new IllegalStateException(
                        "stream %s has no hashed event %d to chain event %d to".formatted(stream, sequence - 1, sequence)));
    }

    /**
     * Links written in the current unit of work; they become "committed" only once it commits, so a rolled-back
     * event is never taken as the predecessor of the next one.
     */
    private Map<String, Link> pendingLinks() {
        return PerBatch.inBatch() ? pending.current() : new HashMap<>();
    }
}
