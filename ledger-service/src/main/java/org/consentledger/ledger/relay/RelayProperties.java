package org.consentledger.ledger.relay;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bootstrapServers  the Kafka cluster; the relay runs only when this is set
 * @param topic             every ledger event, as a CloudEvent keyed by {@code siteId/visitorId}
 * @param stateTopic        compacted: each visitor's latest decision per category, same key
 * @param checkpointTopic   every signed checkpoint of the evidence log, kept for ever
 * @param partitions        partitions of topics the relay creates
 * @param replicationFactor replication of topics the relay creates
 * @param deliveryTimeout   how long a send may wait for the broker before the batch fails and is retried
 * @param client            further Kafka client settings (security, SASL), passed as they are
 */
@ConfigurationProperties("ledger.kafka")
public record RelayProperties(
        String bootstrapServers,
        @DefaultValue("consent-events") String topic,
        @DefaultValue("consent-state") String stateTopic,
        @DefaultValue("consent-checkpoints") String checkpointTopic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("PT30S") Duration deliveryTimeout,
        Map<String, String> client) {

    public RelayProperties {
        if (deliveryTimeout.toMillis() < 1_000) {
            throw new IllegalArgumentException("ledger.kafka.delivery-timeout must be at least one second");
        }
        client = client == null ? Map.of() : Map.copyOf(client);
    }
}
