package org.consentledger.ledger.relay;

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
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.policy.CookiePolicyPublished;
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
    private static final String PENDING_ACKS = KafkaRelay.class.getName() + ".acks";

    private final Producer<String, byte[]> producer;
    private final RelayTopics topics;
    private final VisitorStates states;
    private final JsonMapper json;
    private final long ackTimeoutMillis;

    KafkaRelay(Producer<String, byte[]> producer, RelayTopics topics, VisitorStates states, JsonMapper json,
               long ackTimeoutMillis) {
        this.producer = producer;
        this.topics = topics;
        this.states = states;
        this.json = json;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @EventHandler
    void on(ConsentGiven event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        String key = VisitorStream.id(event.siteId(), event.visitorId());
        send(topics.events(), key, OutgoingEvents.of(event, eventId, sequence));
        send(topics.state(), key, states.after(event.siteId(), event.visitorId(), Decision.of(event, eventId, sequence)));
    }

    @EventHandler
    void on(ConsentWithdrawn event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        String key = VisitorStream.id(event.siteId(), event.visitorId());
        send(topics.events(), key, OutgoingEvents.of(event, eventId, sequence));
        send(topics.state(), key, states.after(event.siteId(), event.visitorId(), Decision.of(event, eventId, sequence)));
    }

    @EventHandler
    void on(CookiePolicyPublished event, @MessageIdentifier String eventId) {
        send(topics.events(), event.siteId(), OutgoingEvents.of(event, eventId));
    }

    private void send(String topic, String key, Object value) {
        topics.ensureCreated();
        Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, key, json.writeValueAsBytes(value)));
        pendingAcks().add(ack);
    }

    /** The batch's sends, checked once before it commits. */
    private List<Future<RecordMetadata>> pendingAcks() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_ACKS, k -> {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAll(acks));
            return acks;
        });
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
