package org.consentledger.ledger.relay;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One combined KRaft node (broker and controller) in this JVM. It advertises the address of a {@link TcpRelay}
 * in front of it, so that every client, the ledger's included, reaches it only through the relay, and cutting the
 * relay makes the broker unreachable without losing what it holds.
 */
final class InProcessKafka implements TestKafka {

    private final TcpRelay relay;
    private final KafkaClusterTestKit cluster;

    InProcessKafka() {
        try {
            relay = new TcpRelay();
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).build();
            String listener = nodes.brokerListenerName().value();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("advertised.listeners", listener + "://127.0.0.1:" + relay.port())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            String bootstrap = cluster.bootstrapServers();
            relay.forwardTo(Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)));
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start an in-process Kafka broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + relay.port();
    }

    @Override
    public void cutOff() {
        relay.cutOff();
    }

    @Override
    public void restore() {
        relay.restore();
    }

    @Override
    public void close() {
        relay.close();
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
