package org.consentledger.ledger.relay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A ledger event as it goes out to analytics consumers: a CloudEvents 1.0 JSON envelope whose schema is
 * {@code ledger-api/src/main/resources/schemas/consent-events.v1.schema.json}.
 *
 * @param id       the ledger's event id: the key consumers deduplicate on
 * @param source   the site
 * @param subject  the pseudonymous visitor id; absent for policy events
 * @param time     when the ledger recorded the event
 * @param sequence the event's position in the visitor's stream; absent for policy events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        Long sequence,
        Object data) {

    static final String SCHEMA = "https://consentledger.org/schemas/consent-events.v1.schema.json";

    static CloudEvent of(String id, String type, String site, String subject, Instant time, Long sequence,
                         Object data) {
        return new CloudEvent("1.0", id, site, type, subject, time, "application/json", SCHEMA, sequence, data);
    }
}
