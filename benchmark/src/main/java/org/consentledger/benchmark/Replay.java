package org.consentledger.benchmark;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Rebuilding the read models, and republishing the ledger to Kafka, each timed until caught up again. */
final class Replay {

    record Result(long events, Duration elapsed) {
        double perSecond() {
            return events / (elapsed.toNanos() / 1e9);
        }
    }

    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final LedgerClient client;
    private final ServiceProcess service;

    Replay(LedgerClient client, ServiceProcess service) {
        this.client = client;
        this.service = service;
    }

    /** {@code POST /api/v1/admin/projections/replay}, then {@code GET /api/v1/admin/projections} until caught up. */
    Result readModels() throws Exception {
        long head = client.projections().path("head").asLong();
        long start = System.nanoTime();
        client.replayProjections();
        while (!caughtUp(client.projections(), head)) {
            pause(start);
        }
        return new Result(head, Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code POST /api/v1/admin/kafka-relay/replay}, then {@code GET /api/v1/admin/kafka-relay} until caught up. */
    Result kafkaRelay() throws Exception {
        long head = client.relay().path("head").asLong();
        long start = System.nanoTime();
        client.replayRelay();
        while (true) {
            JsonNode status = client.relay();
            if (!status.path("replaying").asBoolean() && status.path("position").asLong() >= head
                    && status.path("eventsBehind").asLong() == 0) {
                break;
            }
            pause(start);
        }
        return new Result(head, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Every read model has left replay and handled the event at {@code target} (the current head when negative). */
    static boolean caughtUp(JsonNode status, long target) {
        long head = target < 0 ? status.path("head").asLong() : target;
        for (JsonNode p : status.path("projections")) {
            if (p.path("replaying").asBoolean() || p.path("position").asLong() < head) {
                return false;
            }
        }
        return true;
    }

    private void pause(long start) throws InterruptedException {
        service.requireAlive();
        if (System.nanoTime() - start > LIMIT.toNanos()) {
            throw new IllegalStateException("not caught up within " + LIMIT);
        }
        Thread.sleep(100);
    }
}
