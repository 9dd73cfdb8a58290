package org.consentledger.ledger.evidence;

import java.util.List;
import org.consentledger.store.InList;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private static final String COLUMNS = """
            select global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, payload, meta_data
              from domain_event_entry""";

    private final JdbcClient jdbc;

    StoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        return jdbc.sql(COLUMNS + " where global_index > :after order by global_index fetch first %d rows only"
                        .formatted(count))
                .param("after", globalIndex)
                .query(StoredEvents::stored)
                .list();
    }

    /** How many events the streams hold together. */
    long count(List<String> streams) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier in " + InList.of(streams))
                .query(Long.class).single();
    }

    /** One stream's events, in order. */
    List<Stored> stream(String stream) {
        return jdbc.sql(COLUMNS + " where aggregate_identifier = :stream order by sequence_number")
                .param("stream", stream)
                .query(StoredEvents::stored)
                .list();
    }

    private static Stored stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        JsonNode meta = json(rs.getBytes(7));
        return new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                json(rs.getBytes(6)), meta == null ? null : meta.path(EventChain.HASH).asString(null),
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
