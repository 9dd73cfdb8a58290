package org.consentledger.ledger.relay;

import org.consentledger.ledger.store.StreamPositions;

/** How far the relay is behind the event store: events recorded that Kafka has not acknowledged yet. */
public class RelayLag {

    private final StreamPositions positions;
    private final String topic;

    RelayLag(StreamPositions positions, String topic) {
        this.positions = positions;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    public long position() {
        return positions.position(KafkaRelay.NAME);
    }

    public long head() {
        return positions.head();
    }

    /** Global indexes are gap-free by allocation, so the difference counts events (rolled-back ones aside). */
    public long eventsBehind() {
        return Math.max(0, head() - position());
    }

    public boolean replaying() {
        return positions.replaying(KafkaRelay.NAME);
    }
}
