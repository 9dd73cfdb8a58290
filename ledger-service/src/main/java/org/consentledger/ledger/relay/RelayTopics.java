package org.consentledger.ledger.relay;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the relay's topics when they are missing, the first time the relay sends. Done lazily rather than at
 * start-up so that the ledger starts, and keeps accepting consents, while the broker is unreachable.
 */
class RelayTopics {

    private final RelayProperties properties;
    private final Properties clientSettings;
    private volatile boolean created;

    RelayTopics(RelayProperties properties, Properties clientSettings) {
        this.properties = properties;
        this.clientSettings = clientSettings;
    }

    String events() {
        return properties.topic();
    }

    String state() {
        return properties.stateTopic();
    }

    String checkpoints() {
        return properties.checkpointTopic();
    }

    void ensureCreated() {
        if (created) {
            return;
        }
        Properties settings = new Properties();
        settings.putAll(clientSettings);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(
                            new NewTopic(events(), properties.partitions(), properties.replicationFactor()),
                            // Compacted: Kafka keeps at least the latest state of every visitor, for ever.
                            new NewTopic(state(), properties.partitions(), properties.replicationFactor())
                                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                            // Every checkpoint, for ever: copies outside the ledger are the point.
                            new NewTopic(checkpoints(), 1, properties.replicationFactor())
                                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                    .stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
            }
            created = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                created = true;
                return;
            }
            throw new IllegalStateException("could not create the relay's Kafka topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer when the relay checked its topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
