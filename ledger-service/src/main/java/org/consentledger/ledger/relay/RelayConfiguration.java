package org.consentledger.ledger.relay;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.store.StreamPositions;
import org.consentledger.store.personal.FormatOneStreams;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka relay, on only when {@code ledger.kafka.bootstrap-servers} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ledger.kafka", name = "bootstrap-servers")
class RelayConfiguration {

    @Bean
    RelayLag relayLag(StreamPositions positions, RelayProperties properties) {
        return new RelayLag(positions, properties.topic());
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> relayProducer(RelayProperties properties) {
        Properties settings = clientSettings(properties);
        // Idempotent and fully acknowledged: a retried send is not duplicated, an acknowledged one is replicated.
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        int deliveryTimeout = (int) properties.deliveryTimeout().toMillis();
        int linger = 5;
        settings.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        // Kafka requires delivery timeout >= linger + request timeout.
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(10_000, deliveryTimeout - linger));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        // While the broker is unreachable a send waits this long for metadata, then the batch fails and is retried.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    RelayTopics relayTopics(RelayProperties properties) {
        return new RelayTopics(properties, clientSettings(properties));
    }

    @Bean
    CheckpointTopic checkpointTopic(Producer<String, byte[]> relayProducer, RelayTopics relayTopics) {
        return new CheckpointTopic(relayProducer, relayTopics, wireFormat());
    }

    /** Pinned here, not shared with the web layer: the wire format is a contract with consumers. */
    private static JsonMapper wireFormat() {
        return JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }

    @Bean
    KafkaRelay kafkaRelay(Producer<String, byte[]> relayProducer, RelayTopics relayTopics, RelayProperties properties,
                          EventStore eventStore, PublishedPolicies policies, VisitorStreams streams,
                          FormatOneStreams formatOne) {
        return new KafkaRelay(relayProducer, relayTopics, new VisitorStates(eventStore, policies, 100_000, formatOne),
                wireFormat(), properties.deliveryTimeout().toMillis() + 5_000, streams, policies);
    }

    @Bean
    HealthIndicator kafkaRelayHealthIndicator(RelayLag lag) {
        return () -> Health.up()
                .withDetail("topic", lag.topic())
                .withDetail("position", lag.position())
                .withDetail("head", lag.head())
                .withDetail("eventsBehind", lag.eventsBehind())
                .build();
    }

    static Properties clientSettings(RelayProperties properties) {
        Properties settings = new Properties();
        settings.putAll(properties.client());
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, "consent-ledger-relay");
        return settings;
    }
}
