package org.consentledger.ledger.evidence;

import org.consentledger.api.EventType;
import org.consentledger.ledger.evidence.StoredEvents.Stored;
import org.consentledger.verifier.EventHash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event's hash recomputed from its row as stored, in the evidence format its stored type name says: format 1 over
 * the whole payload; format 2 over the public part (the payload without its sealed personal part) and the
 * commitment that stands for the personal part.
 */
final class StoredHashes {

    private StoredHashes() {
    }

    /** @throws RuntimeException when the stored form cannot be read as its format */
    static String recompute(Stored event) {
        if (EventType.formatOf(event.type()) == 1) {
            return EventHash.of(event.eventId(), event.type(), event.stream(), event.sequence(), event.payload(),
                    event.previousHash());
        }
        return EventHash.ofFormatTwo(event.eventId(), event.type(), event.stream(), event.sequence(),
                publicPart(event.payload()), commitment(event.payload()), event.previousHash());
    }

    /** The public part of a format 2 payload. */
    static ObjectNode publicPart(JsonNode payload) {
        ObjectNode copy = ((ObjectNode) payload).deepCopy();
        copy.remove(EventChain.PERSONAL);
        return copy;
    }

    /** The commitment of a format 2 payload, or null when it has no personal part. */
    static String commitment(JsonNode payload) {
        JsonNode personal = payload.get(EventChain.PERSONAL);
        if (personal == null || personal.isNull()) {
            return null;
        }
        return personal.required("commitment").asString();
    }
}
