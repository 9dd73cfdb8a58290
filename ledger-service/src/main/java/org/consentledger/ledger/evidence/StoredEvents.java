package org.consentledger.ledger.evidence;

import java.util.List;
import org.consentledger.store.events.EventRows;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events exactly as the event store's table holds them: the bytes that were hashed, not what Axon makes of them.
 * Evidence is built and checked from these.
 */
@Component
class StoredEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventRows rows;

    StoredEvents(EventRows rows) {
        this.rows = rows;
    }

    /**
     * One row, read once: the payload as JSON, and the hash and link the event was stored with. What cannot be
     * read (an altered row may not even be JSON) is null, for the audit to report rather than fail on.
     */
    record Stored(long globalIndex, String eventId, String stream, long sequence, String type, JsonNode payload,
                  String hash, String previousHash) {
    }

    /** The next {@code count} events of the store's global order after {@code globalIndex}. */
    List<Stored> after(long globalIndex, int count) {
        return rows.after(globalIndex, count).stream().map(StoredEvents::stored).toList();
    }

    /** How many events the streams hold together. */
    long count(List<String> streams) {
        return rows.count(streams);
    }

    /** One stream's events, in order. */
    List<Stored> stream(String stream) {
        return rows.stream(stream).stream().map(StoredEvents::stored).toList();
    }

    private static Stored stored(EventRows.Row row) {
        JsonNode meta = json(row.metaData());
        return new Stored(row.globalIndex(), row.eventId(), row.stream(), row.sequence(), row.type(),
                json(row.payload()), meta == null ? null : meta.path(EventChain.HASH).asString(null),
                meta == null ? null : meta.path(EventChain.PREVIOUS_HASH).asString(null));
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? null : JSON.readTree(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
