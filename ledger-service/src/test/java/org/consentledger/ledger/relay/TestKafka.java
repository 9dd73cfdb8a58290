package org.consentledger.ledger.relay;

import org.testcontainers.DockerClientFactory;

/**
 * A real Kafka broker for a test, which the test can make unreachable and reachable again. Testcontainers' Kafka
 * where a Docker engine runs, a KRaft node in this JVM where none does; tests do not know which.
 */
public interface TestKafka extends AutoCloseable {

    /** What the ledger and the test's clients connect to. */
    String bootstrapServers();

    /** From now on the broker cannot be reached: connections are cut and new ones refused. */
    void cutOff();

    /** The broker can be reached again, with everything it had. */
    void restore();

    @Override
    void close();

    static TestKafka start() {
        return dockerAvailable() ? new ContainerKafka() : new InProcessKafka();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
