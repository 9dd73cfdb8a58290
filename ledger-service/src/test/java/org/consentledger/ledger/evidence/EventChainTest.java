package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.consentledger.api.SealedPart;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.ledger.store.EventStoreConfiguration;
import org.consentledger.verifier.EventHash;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash an event gets (evidence format 2) covers the payload bytes the event store is handed, not a second
 * serialization of it, with the commitment in place of the sealed personal part.
 */
class EventChainTest {

    static final String COMMITMENT = "c0".repeat(32);
    static final DomainEventMessage<ConsentGiven> FIRST = new GenericDomainEventMessage<>("VisitorConsent",
            "site.example/p1", 0, new ConsentGiven("site.example", 1, Instant.parse("2026-03-01T12:00:00Z"),
            Instant.parse("2026-03-01T12:00:01Z"), List.of("statistics"), List.of("third-party"), "banner",
            new SealedPart(COMMITMENT, new byte[] {1, 2, 3})), Map.of("origin", "banner"));

    final CountingSerializer storeSerializer = new CountingSerializer(new EventStoreConfiguration().ledgerSerializer());
    final EventChain chain = new EventChain(null, storeSerializer, 10);

    @Test
    void thePayloadIsSerializedOnceAndTheHashCoversTheBytesTheStoreIsHanded() {
        EventMessage<?> chained = chain.link(List.of(FIRST)).events().get(0);

        SerializedObject<byte[]> stored = chained.serializePayload(storeSerializer, byte[].class);
        assertThat(storeSerializer.serialized).isEqualTo(1);
        ObjectNode publicPart = (ObjectNode) JsonMapper.builder().build().readTree(stored.getData());
        assertThat(publicPart.remove("personal").get("commitment").asString()).isEqualTo(COMMITMENT);
        String expected = EventHash.ofFormatTwo(chained.getIdentifier(), "consent.given", "site.example/p1", 0,
                publicPart, COMMITMENT, EventHash.GENESIS);
        assertThat(chained.getMetaData()).containsEntry(EventChain.HASH, expected)
                .containsEntry(EventChain.PREVIOUS_HASH, EventHash.GENESIS)
                .containsEntry("origin", "banner");
    }

    @Test
    void anotherSerializerSerializesAfresh() {
        EventMessage<?> chained = chain.link(List.of(FIRST)).events().get(0);
        CountingSerializer other = new CountingSerializer(JacksonSerializer.defaultSerializer());

        assertThat(new String(chained.serializePayload(other, byte[].class).getData()))
                .contains("\"commitment\":\"" + COMMITMENT + "\"");
        assertThat(other.serialized).isEqualTo(1);
        assertThat(storeSerializer.serialized).isEqualTo(1);
    }

    /** Counts the serializations it makes. */
    static final class CountingSerializer implements Serializer {

        private final Serializer delegate;
        int serialized;

        CountingSerializer(Serializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            serialized++;
            return delegate.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return delegate.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            return delegate.deserialize(serializedObject);
        }

        @Override
        public Class classForType(SerializedType type) {
            return delegate.classForType(type);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            return delegate.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return delegate.getConverter();
        }
    }
}
