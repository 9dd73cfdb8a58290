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
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.ledger.policy.PublishedPolicies;
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
    private final VisitorStreams streams;
    private final PublishedPolicies policies;
    /** The batch's sends, checked once before it commits. */
    private final PerBatch<List<Future<RecordMetadata>>> pendingAcks =
            PerBatch.<List<Future<RecordMetadata>>>of("kafka-acks", ArrayList::new).beforeCommit(this::awaitAll);

    KafkaRelay(Producer<String, byte[]> producer, RelayTopics topics, VisitorStates states, JsonMapper json,
               long ackTimeoutMillis, VisitorStreams streams, PublishedPolicies policies) {
        this.streams = streams;
        this.policies = policies;
        this.producer = producer;
        this.topics = topics;
        this.states = states;
        this.json = json;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @EventHandler
    void on(ConsentGiven event, DomainEventMessage<?> message, ReplayStatus replay) {
        visitorEvent(message, OutgoingEvents.of(event, message, policyOf(event.siteId(), event.policyVersion())),
                Decision.of(event, message.getIdentifier(), message.getSequenceNumber()), event.siteId(), replay);
    }

    @EventHandler
    void on(ConsentWithdrawn event, DomainEventMessage<?> message, ReplayStatus replay) {
        visitorEvent(message, OutgoingEvents.of(event, message, policyOf(event.siteId(), event.policyVersion())),
                Decision.of(event, message.getIdentifier(), message.getSequenceNumber()), event.siteId(), replay);
    }

    /** A decision's version, published before it: its Consent Mode mapping says which types the decision decides. */
    private CookiePolicy policyOf(String siteId, int version) {
        return policies.version(siteId, version).orElseThrow(() -> new IllegalStateException(
                "site %s has no policy version %d, which a decision was recorded under".formatted(siteId, version)));
    }

    /**
     * Format 1 events, stored in a stream named by the visitor id, go out keyed by the visitor's first pseudonymous
     * stream: consumers see no visitor id, and the visitor's later events under the same key.
     */
    @EventHandler
    void on(ConsentGivenV1 event, DomainEventMessage<?> message, ReplayStatus replay) {
        String first = streams.first(event.siteId(), event.visitorId());
        visitorEvent(message.getAggregateIdentifier(), first, OutgoingEvents.of(event, message, first),
                Decision.of(event, message.getIdentifier(), message.getSequenceNumber()), event.siteId(), replay);
    }

    @EventHandler
    void on(ConsentWithdrawnV1 event, DomainEventMessage<?> message, ReplayStatus replay) {
        String first = streams.first(event.siteId(), event.visitorId());
        visitorEvent(message.getAggregateIdentifier(), first, OutgoingEvents.of(event, message, first),
                Decision.of(event, message.getIdentifier(), message.getSequenceNumber()), event.siteId(), replay);
    }

    /**
     * The erasure goes out keyed like the visitor's events, so that consumers erase what they keep under that key,
     * and the visitor's state gets a tombstone: the compacted topic then forgets it.
     */
    @EventHandler
    void on(SubjectErased event, DomainEventMessage<?> message) {
        String stream = message.getAggregateIdentifier();
        send(OutgoingEvents.of(event, message).record(topics.events(), stream, json));
        states.forget(stream);
        send(new ProducerRecord<>(topics.state(), stream, null));
    }

    private void visitorEvent(DomainEventMessage<?> message, OutgoingEvent outgoing, Decision decision, String siteId,
                              ReplayStatus replay) {
        visitorEvent(message.getAggregateIdentifier(), message.getAggregateIdentifier(), outgoing, decision, siteId,
                replay);
    }

    /**
     * Keyed by the visitor's stream, so that one visitor's events stay in order on one partition.
     *
     * @param key the visitor's stream for consumers: for an event of format 1, their first pseudonymous stream
     */
    private void visitorEvent(String stream, String key, OutgoingEvent outgoing, Decision decision, String siteId,
                              ReplayStatus replay) {
        send(outgoing.record(topics.events(), key, json));
        sendState(stream, key, siteId, decision, replay);
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
    private void sendState(String stream, String key, String siteId, Decision decision, ReplayStatus replay) {
        if (replay.isReplay() && states.newerThan(stream, decision.sequence())) {
            return;
        }
        ProducerRecord<String, byte[]> state = new ProducerRecord<>(topics.state(), key,
                json.writeValueAsBytes(states.after(stream, VisitorStreams.visitorKey(key), siteId, decision)));
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
