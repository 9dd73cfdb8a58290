package org.consentledger.ledger.relay;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * A ledger event as it goes out to analytics consumers: a CloudEvents 1.0 event in the Kafka binding's structured
 * mode (header {@code content-type: application/cloudevents+json}, the JSON envelope as the value), written by the
 * CloudEvents SDK so that every SDK's Kafka binding reads it. Its schema is
 * {@code ledger-api/src/main/resources/schemas/consent-events.v4.schema.json}.
 *
 * @param id       the ledger's event id: the key consumers deduplicate on
 * @param site     the site, the event's {@code source}
 * @param subject  the pseudonymous visitor id; null for policy events
 * @param time     when the ledger recorded the event
 * @param sequence the event's position in the visitor's stream; null for policy events
 */
record OutgoingEvent(String id, String type, String site, String subject, Instant time, Long sequence, Object data) {

    static final String SCHEMA = "https://consentledger.org/schemas/consent-events.v4.schema.json";

    /** The CloudEvents sequence extension orders by string: zero-padded to a long's 19 digits, string order is stream order. */
    static String sequenceText(long sequence) {
        return String.format("%019d", sequence);
    }

    ProducerRecord<String, byte[]> record(String topic, String key, JsonMapper json) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(site))
                .withType(type)
                .withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create(SCHEMA))
                .withData(json.writeValueAsBytes(data));
        if (subject != null) {
            event.withSubject(subject);
        }
        if (sequence != null) {
            event.withExtension("sequence", sequenceText(sequence));
        }
        return KafkaMessageFactory.createWriter(topic, key).writeStructured(event.build(), new JsonFormat());
    }
}
