package org.consentledger.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.consentledger.ledger.CommandLoad;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.ledger.store.StreamPositions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints how fast the relay moves ledger events to Kafka and how long an event takes from the ledger to a
 * consumer. Not part of {@code verify}; run with {@code ./mvnw -pl ledger-service -am verify -Pbenchmark}.
 * Sizes: {@code -Dbench.events=} (relay drain, default 20000), {@code -Dbench.rate=} and {@code -Dbench.seconds=}
 * (steady load for the lag, default 200 events/s for 20 s).
 */
class KafkaRelayBenchmark {

    static final String SITE = "juleslesmart.opendatasoft.com";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void relayThroughputAndEndToEndLag() throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 20);
        try (TestKafka kafka = TestKafka.start();
             LedgerInstance ledger = LedgerInstance.start(data, Clock.systemUTC(),
                     Map.of("ledger.kafka.bootstrap-servers", kafka.bootstrapServers()))) {
            StreamPositions positions = ledger.bean(StreamPositions.class);
            awaitRelayIdle(positions, Duration.ofSeconds(60));

            // 1. Throughput: events pile up with the relay stopped, then it drains them to the broker.
            StreamingEventProcessor relay = positions.processor(KafkaRelay.NAME);
            relay.shutDown();
            double loadSeconds = CommandLoad.consents(ledger.bean(LedgerWriter.class), SITE, "bench", events, 4);
            long drainStart = System.nanoTime();
            relay.start();
            awaitRelayIdle(positions, Duration.ofMinutes(10));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

            // 2. Lag: a steady stream over HTTP while a consumer notes when each event arrives.
            List<Long> lagMillis = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean consuming = new AtomicBoolean(true);
            ExecutorService consumer = Executors.newSingleThreadExecutor();
            Future<?> consumed = consumer.submit(() -> consume(kafka.bootstrapServers(), consuming, lagMillis));
            Thread.sleep(3_000);
            int sent = steadyLoad(ledger, rate, seconds);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lagMillis.size() < sent && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            consuming.set(false);
            consumed.get();
            consumer.shutdown();

            List<Long> sorted = new ArrayList<>(lagMillis);
            Collections.sort(sorted);
            System.out.printf("%n== Kafka relay benchmark (H2 file, in-process KRaft broker, tracking processor, batch 500, 1 segment) ==%n");
            System.out.printf("load: %d consents through the command bus in %.1f s (%.0f/s)%n",
                    events, loadSeconds, events / loadSeconds);
            System.out.printf("relay publish throughput: %d events (+%d state records) acknowledged by Kafka in %.1f s = %.0f events/s%n",
                    events, events, drainSeconds, events / drainSeconds);
            System.out.printf("end-to-end lag (recordedAt -> consumer), %d events at %d/s over HTTP: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n%n",
                    sorted.size(), rate, pct(sorted, 0.5), pct(sorted, 0.9), pct(sorted, 0.99),
                    sorted.get(sorted.size() - 1));
            assertThat(sorted).as("every event of the steady load reached the consumer").hasSize(sent);
        }
    }

    private static int steadyLoad(LedgerInstance ledger, int rate, int seconds) throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int sent = 0;
        for (int i = 0; i < rate * seconds; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            var response = ledger.post("/api/v1/sites/" + SITE + "/visitors/steady-" + (i % 1_000) + "/consents", """
                    {"consentId": "steady-%d", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                    """.formatted(i, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            if (response.status() == 201) {
                sent++;
            }
        }
        return sent;
    }

    private static void consume(String bootstrapServers, AtomicBoolean consuming, List<Long> lagMillis) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "lag-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("consent-events"));
            while (consuming.get()) {
                consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                    var event = JSON.readTree(record.value());
                    if (event.get("id") != null && event.get("data").get("consentId") != null
                            && event.get("data").get("consentId").asString().startsWith("steady-")) {
                        Instant recorded = Instant.parse(event.get("time").asString());
                        lagMillis.add(Duration.between(recorded, Instant.now()).toMillis());
                    }
                });
            }
        }
    }

    private static void awaitRelayIdle(StreamPositions positions, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (positions.position(KafkaRelay.NAME) < positions.head() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }
}
