package org.consentledger.ledger.relay;

import org.consentledger.verifier.SignedCheckpoint;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.consentledger.ledger.evidence.CheckpointPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts every signed checkpoint on a topic that keeps them all, keyed by tree size, so that outside parties keep
 * copies of what the ledger signed. Best effort: the checkpoint is already stored, and the next one covers it.
 */
class CheckpointTopic implements CheckpointPublisher {

    private static final Logger log = LoggerFactory.getLogger(CheckpointTopic.class);

    private final Producer<String, byte[]> producer;
    private final RelayTopics topics;
    private final JsonMapper json;

    CheckpointTopic(Producer<String, byte[]> producer, RelayTopics topics, JsonMapper json) {
        this.producer = producer;
        this.topics = topics;
        this.json = json;
    }

    @Override
    public void publish(SignedCheckpoint checkpoint) {
        try {
            topics.ensureCreated();
            producer.send(new ProducerRecord<>(topics.checkpoints(), Long.toString(checkpoint.treeSize()),
                    json.writeValueAsBytes(checkpoint)), (metadata, e) -> {
                if (e != null) {
                    log.warn("Checkpoint of size {} not published to Kafka: {}", checkpoint.treeSize(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Checkpoint of size {} not published to Kafka: {}", checkpoint.treeSize(), e.getMessage());
        }
    }
}
