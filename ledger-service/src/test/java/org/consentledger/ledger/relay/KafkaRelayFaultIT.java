package org.consentledger.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker goes away and comes back: the ledger keeps accepting consents (the event store is the source of truth),
 * and once the broker is back every event reaches the topic. Nothing is lost; an event may arrive twice, always as
 * the same message under the same id.
 */
class KafkaRelayFaultIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);

    @Test
    void noEventIsLostWhileTheBrokerIsUnreachable() {
        try (TestKafka kafka = TestKafka.start()) {
            kafka.cutOff();
            try (LedgerInstance ledger = LedgerInstance.start(data, clock, Map.of(
                    "ledger.kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "ledger.kafka.delivery-timeout", "PT5S"))) {
                Traffic traffic = new Traffic(ledger, clock, start, 7);

                // The service started before the broker could be reached; banners go on submitting.
                List<Traffic.Recorded> recorded = new ArrayList<>(traffic.submit(200, 40));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        ledger.get("/api/v1/admin/kafka-relay").json().get("eventsBehind").asLong())
                        .isGreaterThanOrEqualTo(200));
                assertThat(ledger.get("/actuator/health").json().get("components").get("kafkaRelay")
                        .get("details").get("eventsBehind").asLong()).isGreaterThanOrEqualTo(200);

                kafka.restore();
                assertAllArrive(kafka, recorded);

                // The broker is lost in the middle of a stream of submissions, and comes back.
                recorded.addAll(traffic.submit(150, 40));
                kafka.cutOff();
                recorded.addAll(traffic.submit(150, 40));
                sleep(Duration.ofSeconds(8));
                kafka.restore();
                recorded.addAll(traffic.submit(100, 40));
                assertAllArrive(kafka, recorded);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        ledger.get("/api/v1/admin/kafka-relay").json().get("eventsBehind").asLong()).isZero());
            }
        }
    }

    private static void assertAllArrive(TestKafka kafka, List<Traffic.Recorded> recorded) {
        Set<String> expected = recorded.stream().map(Traffic.Recorded::eventId).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka.bootstrapServers(),
                "consent-events", r -> KafkaRelayIT.ids(r).containsAll(expected), Duration.ofSeconds(120));
        assertThat(KafkaRelayIT.ids(records)).containsAll(expected);

        Map<String, String> firstCopy = new HashMap<>();
        Map<String, List<Long>> sequences = new HashMap<>();
        records.stream()
                .sorted(java.util.Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .forEach(record -> {
                    String id = JSON.readTree(record.value()).get("id").asString();
                    String earlier = firstCopy.putIfAbsent(id, record.value());
                    if (earlier != null) {
                        assertThat(record.value()).as("a repeat is the same message").isEqualTo(earlier);
                    } else if (JSON.readTree(record.value()).has("sequence")) {
                        sequences.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(JSON.readTree(record.value()).get("sequence").asLong());
                    }
                });
        sequences.forEach((visitor, seq) -> assertThat(seq).as(visitor)
                .isEqualTo(java.util.stream.LongStream.range(0, seq.size()).boxed().toList()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
