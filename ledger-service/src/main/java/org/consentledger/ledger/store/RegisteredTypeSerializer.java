package org.consentledger.ledger.store;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.consentledger.api.EventType;
import org.consentledger.api.erasure.RedactedEvent;

/**
 * Axon's Jackson serializer, except that the ledger's events are stored under the names the registry gives them
 * ({@link EventType}), never under the name of the Java class that holds them in memory: a class can then be renamed
 * or moved without changing what was stored and hashed, and every stored name is read back into its record.
 */
public class RegisteredTypeSerializer extends JacksonSerializer {

    protected RegisteredTypeSerializer(Builder builder) {
        super(builder);
    }

    public static RegisteredTypeSerializer of(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return new RegisteredTypeSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return EventType.ofPayload(type)
                .<SerializedType>map(registered -> new SimpleSerializedType(registered.storedName(type), null))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    public Class classForType(SerializedType type) {
        if (RedactedEvent.REVISION.equals(type.getRevision())) {
            return RedactedEvent.class;
        }
        return EventType.ofStoredName(type.getName()).<Class>map(registered -> registered.typeStoredAs(type.getName()))
                .orElseGet(() -> super.classForType(type));
    }

    /** A redacted format 1 event keeps its type name and loses its content: there is nothing to read into a record. */
    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        if (RedactedEvent.REVISION.equals(serialized.getType().getRevision())) {
            return (T) new RedactedEvent(serialized.getType().getName());
        }
        return super.deserialize(serialized);
    }
}
