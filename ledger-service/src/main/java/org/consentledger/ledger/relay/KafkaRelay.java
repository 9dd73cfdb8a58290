package org.consentledger.ledger.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.support.PerBatch;
import org.consentledger.verifier.Decision;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every ledger event to Kafka, in the event store's order, keyed so that one visitor's events stay in
 * order on one partition. At least once: a batch's events are sent together, and the batch (with the processor's
 * token) commits only after the broker acknowledged every one of them; otherwise the batch is retried, and
 * consumers drop the repeats by event id. After each visitor event, the visitor's resulting state goes to the
 * compacted state topic under the same key.
 */
@ProcessingGroup(KafkaRelay.NAME)
public class KafkaRelay {

    public static final String NAME = "kafka-relay";

    private final Producer<String, byte[]> producer;
    private final RelayTopics topics;
    private final VisitorStates states;
    private final JsonMapper json;
    private final long ackTimeoutMillis;
    /** The batch's sends, checked once before it commits. */
    private final PerBatch<List<Future<RecordMetadata>>> pendingAcks =
            PerBatch.<List<Future<RecordMetadata>>>of("kafka-acks", ArrayList::new).beforeCommit(this::awaitAll);

    KafkaRelay(Producer<String, byte[]> producer, RelayTopics topics, VisitorStates states, JsonMapper json,
               long ackTimeoutMillis) {
        this.producer = producer;
        this.topics = topics;
        this.states = states;
        this.json = json;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @EventHandler
    void on(ConsentGiven event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            ReplayStatus replay) {
        String key = VisitorStream.id(event.siteId(), event.visitorId());
        send(OutgoingEvents.of(event, eventId, sequence).record(topics.events(), key, json));
        sendState(key, event.siteId(), event.visitorId(), Decision.of(event, eventId, sequence), replay);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            ReplayStatus replay) {
        String key = VisitorStream.id(event.siteId(), event.visitorId());
        send(OutgoingEvents.of(event, eventId, sequence).record(topics.events(), key, json));
        sendState(key, event.siteId(), event.visitorId(), Decision.of(event, eventId, sequence), replay);
    }

    @EventHandler
    void on(CookiePolicyPublished event, @MessageIdentifier String eventId) {
        send(OutgoingEvents.of(event, eventId).record(topics.events(), event.siteId(), json));
    }

    /**
     * A replay sends the events again but not the states they led to: a consumer of the compacted topic that keeps
     * the latest record per visitor would otherwise see each visitor's old states pass by again. Only a visitor's
     * newest state, identical to the one the topic holds, goes out again.
     */
    private void sendState(String key, String siteId, String visitorId, Decision decision, ReplayStatus replay) {
        if (replay.isReplay() && states.newerThan(siteId, visitorId, decision.sequence())) {
            return;
        }
        ProducerRecord<String, byte[]> state = new ProducerRecord<>(topics.state(), key,
                json.writeValueAsBytes(states.after(siteId, visitorId, decision)));
        state.headers().add("content-type", "application/json".getBytes(StandardCharsets.US_ASCII));
        send(state);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        topics.ensureCreated();
        Future<RecordMetadata> ack = producer.send(record);
        pendingAcks.current().add(ack);
    }


    private void awaitAll(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailed("Kafka did not acknowledge a batch of ledger events; it will be sent again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailed("interrupted while waiting for Kafka's acknowledgements", e);
        }
    }

    static class RelayFailed extends RuntimeException {
        RelayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
