package org.consentledger.ledger.export;

import org.consentledger.api.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event as the exports show it: {@code eventId}, {@code type} (its stable name), {@code stream},
 * {@code sequence}, {@code hash}, {@code recordedAt}, the members of its public part, then those of its personal part
 * opened, or {@code personal: "erased"} once its visitor's data key is gone.
 *
 * @param redacted whether the event is one of evidence format 1 whose content was redacted by its visitor's erasure:
 *                 only its place, type and hash are left
 */
record ExportedEvent(EventType type, boolean redacted, ObjectNode record) {

    static final String PERSONAL = "personal";
    static final String ERASED = "erased";

    /** The record's member as text, or null when it is absent or null; {@code path} as in {@code context/method}. */
    String text(String path) {
        JsonNode node = record.at("/" + path);
        return node.isMissingNode() || node.isNull() ? null : node.isValueNode() ? node.asString() : node.toString();
    }

    /** Whether the event's personal part was destroyed (or, for a redacted event, its whole content). */
    boolean erased() {
        return ERASED.equals(text(PERSONAL));
    }
}
