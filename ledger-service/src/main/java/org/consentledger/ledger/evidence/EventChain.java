package org.consentledger.ledger.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.consentledger.api.EventType;
import org.consentledger.api.PersonalEvent;
import org.consentledger.ledger.write.EventLinker;
import org.consentledger.support.BoundedMap;
import org.consentledger.verifier.EventHash;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives every event, before it is stored, its hash (evidence format 2, {@link EventHash#ofFormatTwo}) and the hash of
 * the event before it in the same stream, as metadata that the event store keeps with the event. Altering, removing or reordering a
 * stored event then breaks the chain where it happened.
 */
public class EventChain implements EventLinker {

    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";
    /** The member of a stored format 2 payload that holds its sealed personal part. */
    public static final String PERSONAL = "personal";

    private final EventStorageEngine storage;
    private final Serializer serializer;
    private final JsonMapper json = JsonMapper.builder().build();
    /** The last committed link of recently written streams, so that most appends need no read. */
    private final Map<String, Link> committed;

    public EventChain(EventStorageEngine storage, Serializer serializer, int rememberedStreams) {
        this.storage = storage;
        this.serializer = serializer;
        this.committed = BoundedMap.synchronizedLeastRecentlyUsed(rememberedStreams);
    }

    record Link(long sequence, String hash) {
    }

    /** Events with their links, and each stream's last link, kept for the next appends once committed. */
    record Chained(List<DomainEventMessage<?>> events, Map<String, Link> lastLinks, Map<String, Link> remembered)
            implements Linked {

        @Override
        public void committed() {
            remembered.putAll(lastLinks);
        }
    }

    @Override
    public Chained link(List<? extends DomainEventMessage<?>> events) {
        Map<String, Link> pending = new HashMap<>();
        List<DomainEventMessage<?>> chained = new ArrayList<>(events.size());
        for (DomainEventMessage<?> event : events) {
            String stream = event.getAggregateIdentifier();
            String previous = previousHash(stream, event.getSequenceNumber(), pending);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            String hash = hash(event, payload, previous);
            pending.put(stream, new Link(event.getSequenceNumber(), hash));
            chained.add(new ChainedEvent<>(event, Map.of(HASH, hash, PREVIOUS_HASH, previous), serializer, payload));
        }
        return new Chained(chained, pending, committed);
    }

    /**
     * Evidence format 2: the public part is the payload as stored without its sealed personal part, which the
     * commitment stands for.
     */
    private String hash(DomainEventMessage<?> event, SerializedObject<byte[]> payload, String previous) {
        ObjectNode stored = (ObjectNode) json.readTree(payload.getData());
        String commitment = null;
        if (event.getPayload() instanceof PersonalEvent<?, ?> personal) {
            stored.remove(PERSONAL);
            commitment = personal.personal().commitment();
        }
        return EventHash.ofFormatTwo(event.getIdentifier(), EventType.of(event.getPayload()).stableName(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), stored, commitment, previous);
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
}
