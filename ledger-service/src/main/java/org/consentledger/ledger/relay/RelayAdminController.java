package org.consentledger.ledger.relay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consentledger.ledger.store.StreamPositions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Watching the Kafka relay, and sending the whole ledger to Kafka again (admin role). */
@RestController
@Tag(name = "admin")
@RequestMapping("/api/v1/admin/kafka-relay")
@ConditionalOnProperty(prefix = "ledger.kafka", name = "bootstrap-servers")
class RelayAdminController {

    private final RelayLag lag;
    private final StreamPositions positions;

    RelayAdminController(RelayLag lag, StreamPositions positions) {
        this.lag = lag;
        this.positions = positions;
    }

    record RelayStatus(String topic, boolean replaying, long position, long head, long eventsBehind) {
    }

    @Operation(summary = "The relay's position, the store's head and the events Kafka has not acknowledged yet")
    @GetMapping
    RelayStatus status() {
        return new RelayStatus(lag.topic(), lag.replaying(), lag.position(), lag.head(), lag.eventsBehind());
    }

    @Operation(summary = "Publish every ledger event to Kafka again, from the first; consumers drop repeats by id")
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RelayStatus replay() {
        positions.replay(KafkaRelay.NAME);
        return status();
    }
}
