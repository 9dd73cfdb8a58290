package org.consentledger.ledger.relay;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container; cutting it off pauses the container, so the broker keeps its port and its data. */
final class ContainerKafka implements TestKafka {

    private final KafkaContainer container = new KafkaContainer("apache/kafka:4.2.1");

    ContainerKafka() {
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void cutOff() {
        DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void restore() {
        DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void close() {
        container.stop();
    }
}
