package org.consentledger.ledger.export;

import java.time.Instant;
import java.util.Base64;
import org.consentledger.api.EventType;
import org.consentledger.api.SealedPart;
import org.consentledger.ledger.evidence.EventChain;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.store.StoredInstants;
import org.consentledger.store.events.SiteEventRows.Row;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the exports' records from the event table's rows, read as stored rather than through Axon: the public part as
 * it was hashed, and the personal part opened with its stream's data key and checked against its commitment.
 */
final class EventRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventRecords() {
    }

    /** A row read once: its type and its payload as JSON (a redacted event's is the string "erased"). */
    record Read(Row row, EventType type, JsonNode payload) {

        boolean redacted() {
            return EventType.formatOf(row.type()) == 1 && payload.isString();
        }

        /** Whether the payload holds a sealed personal part, which only the stream's key opens. */
        boolean sealed() {
            JsonNode personal = payload.get(EventChain.PERSONAL);
            return EventType.formatOf(row.type()) == 2 && personal != null && !personal.isNull();
        }

        /**
         * When the ledger recorded the event; for a redacted event, which kept no {@code recordedAt}, when the store
         * appended it, a moment later.
         */
        Instant recordedAt() {
            return instant(redacted() ? row.timeStamp() : payload.required("recordedAt").asString());
        }
    }

    static Read read(Row row) {
        EventType type = EventType.ofStoredName(row.type()).orElseThrow(() -> new IllegalStateException(
                "event " + row.eventId() + " is stored as " + row.type() + ", a type the ledger does not know"));
        return new Read(row, type, JSON.readTree(row.payload()));
    }

    /**
     * The event's record.
     *
     * @param key the data key of its stream, null when it was destroyed; not used for an event without a sealed part
     */
    static ExportedEvent record(Read read, DataKey key) {
        Row row = read.row();
        ObjectNode record = JSON.createObjectNode()
                .put("eventId", row.eventId())
                .put("type", read.type().stableName())
                .put("stream", row.stream())
                .put("sequence", row.sequence());
        String hash = hash(row);
        if (hash != null) {
            record.put("hash", hash);
        }
        if (read.redacted()) {
            return new ExportedEvent(read.type(), true, record.put(ExportedEvent.PERSONAL, ExportedEvent.ERASED));
        }
        ObjectNode payload = (ObjectNode) read.payload().deepCopy();
        JsonNode personal = payload.remove(EventChain.PERSONAL);
        record.set("recordedAt", payload.get("recordedAt"));
        record.setAll(payload);
        if (read.sealed()) {
            if (key == null) {
                record.put(ExportedEvent.PERSONAL, ExportedEvent.ERASED);
            } else {
                SealedPart part = new SealedPart(personal.required("commitment").asString(),
                        Base64.getDecoder().decode(personal.required("sealed").asString()));
                record.setAll((ObjectNode) PersonalParts.openFields(part, row.eventId(), key, true).fields());
            }
        }
        return new ExportedEvent(read.type(), false, record);
    }

    /** The event's hash (evidence format §5), as the store keeps it with the event; null without one. */
    static String hash(Row row) {
        return row.metaData() == null ? null : JSON.readTree(row.metaData()).path(EventChain.HASH).asString(null);
    }

    private static Instant instant(String stored) {
        Instant instant = StoredInstants.parse(stored);
        return instant != null ? instant : Instant.parse(stored);
    }
}
