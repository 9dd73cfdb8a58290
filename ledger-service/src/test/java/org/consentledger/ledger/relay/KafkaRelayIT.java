package org.consentledger.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.consentledger.analytics.ConsentRateTable;
import org.consentledger.analytics.ConsentRates;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Analytics consumers read every ledger event from a real Kafka broker, in order per visitor, without personal data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaRelayIT {

    static final String TOPIC = "consent-events";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);
    TestKafka kafka;
    LedgerInstance ledger;
    List<Traffic.Recorded> recorded;
    Set<String> expectedIds;

    @BeforeAll
    void start() {
        kafka = TestKafka.start();
        ledger = LedgerInstance.start(data, clock, Map.of("ledger.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ledger.kafka.partitions", 4));
    }

    @AfterAll
    void stop() {
        ledger.close();
        kafka.close();
    }

    /** The visitor's stream, which the ledger's records on Kafka are keyed by. */
    private String stream(Traffic.Recorded recorded) {
        return ledger.bean(VisitorStreams.class).current(recorded.siteId(), recorded.visitorId());
    }

    @Test
    @Order(1)
    void everyEventOfManyVisitorsArrivesOnTheTopicInOrderPerVisitor() {
        recorded = new Traffic(ledger, clock, start, 42).submit(3_000, 200);
        expectedIds = recorded.stream().map(Traffic.Recorded::eventId).collect(Collectors.toSet());

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
                r -> ids(r).containsAll(expectedIds), Duration.ofSeconds(90));

        assertThat(ids(records)).containsAll(expectedIds);
        Map<String, Traffic.Recorded> byId = recorded.stream()
                .collect(Collectors.toMap(Traffic.Recorded::eventId, r -> r));
        Map<String, List<Long>> sequencesPerVisitor = new LinkedHashMap<>();
        Map<String, Integer> partitionPerVisitor = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> record : inPartitionOrder(records)) {
            JsonNode event = JSON.readTree(record.value());
            // Structured mode of the CloudEvents Kafka binding: without this header no SDK takes it for an event.
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .startsWith("application/cloudevents+json");
            if (!seen.add(event.get("id").asString())) {
                continue;
            }
            if (!event.get("type").asString().startsWith("org.consentledger.consent")) {
                continue;
            }
            Traffic.Recorded sent = byId.get(event.get("id").asString());
            // Keyed by the visitor's stream, whose name is a keyed hash: no visitor id leaves the ledger.
            assertThat(record.key()).isEqualTo(stream(sent)).doesNotContain(sent.visitorId());
            assertThat(event.get("source").asString()).isEqualTo(sent.siteId());
            assertThat(event.get("subject").asString()).isEqualTo(VisitorStreams.visitorKey(stream(sent)));
            assertThat(record.value()).doesNotContain("\"" + sent.visitorId() + "\"");
            assertThat(Instant.parse(event.get("time").asString())).isEqualTo(sent.recordedAt());
            assertThat(event.get("type").asString()).isEqualTo(sent.type().equals("ConsentGiven")
                    ? "org.consentledger.consent.given" : "org.consentledger.consent.withdrawn");
            assertThat(event.get("data").get("occurredAt")).isNotNull();
            assertThat(partitionPerVisitor.putIfAbsent(record.key(), record.partition()))
                    .as("all of %s's events on one partition", record.key()).isIn(null, record.partition());
            sequencesPerVisitor.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(Long.parseLong(event.get("sequence").asString()));
        }
        // In each visitor's stream the ledger numbers events 0, 1, 2...; the topic must keep exactly that order.
        sequencesPerVisitor.forEach((visitor, sequences) -> assertThat(sequences).as(visitor)
                .isEqualTo(java.util.stream.LongStream.range(0, sequences.size()).boxed().toList()));
        assertThat(sequencesPerVisitor.values().stream().mapToInt(List::size).sum()).isEqualTo(3_000);
    }

    @Test
    @Order(2)
    void noPersonalDataLeavesTheLedgerAndEveryMessageMatchesThePublishedSchema() throws Exception {
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
                r -> ids(r).containsAll(expectedIds), Duration.ofSeconds(60));
        Schema schema;
        try (var in = getClass().getResourceAsStream("/schemas/consent-events.v4.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        for (ConsumerRecord<String, String> record : records) {
            assertThat(record.value()).doesNotContain("evidence", "userAgent", Traffic.USER_AGENT, "192.0.2.44", "fr-FR");
            assertThat(schema.validate(JSON.readTree(record.value()))).as(record.value()).isEmpty();
        }
        assertThat(records).anySatisfy(r -> assertThat(r.value()).contains("org.consentledger.policy.published"));
    }

    @Test
    @Order(3)
    void theRelayReportsItHasNothingLeftToSend() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ledger.get("/api/v1/admin/kafka-relay").json().get("eventsBehind").asLong()).isZero());
        JsonNode health = ledger.get("/actuator/health").json().get("components").get("kafkaRelay");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("eventsBehind").asLong()).isZero();
        assertThat(health.get("details").get("position").asLong()).isEqualTo(health.get("details").get("head").asLong());
    }

    @Test
    @Order(4)
    void theCompactedStateTopicHoldsEachVisitorsLatestDecisionsAsTheLedgerAnswersThem() throws Exception {
        Map<String, String> lastEventPerVisitor = new HashMap<>();
        Map<String, Traffic.Recorded> visitorOfStream = new HashMap<>();
        recorded.forEach(r -> lastEventPerVisitor.put(stream(r), r.eventId()));
        recorded.forEach(r -> visitorOfStream.put(stream(r), r));
        Map<String, JsonNode> latest = new HashMap<>();
        Schema stateSchema;
        try (var in = getClass().getResourceAsStream("/schemas/consent-state.v2.schema.json")) {
            stateSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        TopicReader.readUntil(kafka.bootstrapServers(), "consent-state", records -> {
            records.forEach(r -> latest.put(r.key(), JSON.readTree(r.value())));
            records.clear();
            return lastEventPerVisitor.entrySet().stream().allMatch(e -> latest.containsKey(e.getKey())
                    && latest.get(e.getKey()).get("lastEventId").asString().equals(e.getValue()));
        }, Duration.ofSeconds(60));

        assertThat(latest.keySet()).isEqualTo(lastEventPerVisitor.keySet());
        for (String key : lastEventPerVisitor.keySet().stream().sorted().limit(25).toList()) {
            JsonNode state = latest.get(key);
            assertThat(stateSchema.validate(state)).as(state.toString()).isEmpty();
            assertThat(state.get("lastEventId").asString()).isEqualTo(lastEventPerVisitor.get(key));
            Traffic.Recorded visitor = visitorOfStream.get(key);
            JsonNode answer = ledger.get("/api/v1/sites/" + visitor.siteId() + "/visitors/" + visitor.visitorId()
                    + "/consent").json();
            Map<String, String> fromState = new HashMap<>();
            state.get("categories").forEach(c -> fromState.put(c.get("id").asString(), c.get("status").asString()));
            answer.get("categories").forEach(c -> {
                String status = c.get("status").asString();
                if (!status.equals("EXEMPT")) {
                    assertThat(fromState.getOrDefault(c.get("id").asString(), "NOT_ASKED")).as(key).isEqualTo(status);
                }
            });
        }
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "consent-state");
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    @Order(5)
    void signedCheckpointsReachTheirTopicForOutsidePartiesToKeep() throws Exception {
        JsonNode signed = ledger.get("/api/v1/audit/checkpoints/latest").json();
        long size = signed.get("treeSize").asLong();
        List<ConsumerRecord<String, String>> copies = TopicReader.readUntil(kafka.bootstrapServers(),
                "consent-checkpoints", r -> r.stream().anyMatch(c -> c.key().equals(Long.toString(size))),
                Duration.ofSeconds(30));
        var copy = copies.stream().filter(c -> c.key().equals(Long.toString(size))).findFirst().orElseThrow();
        var checkpoint = JSON.readValue(copy.value(), org.consentledger.verifier.SignedCheckpoint.class);
        assertThat(checkpoint.rootHash()).isEqualTo(signed.get("rootHash").asString());
        String pem = ledger.get("/.well-known/consent-ledger/checkpoint-key.pem").body();
        var key = java.security.KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(
                java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip())));
        assertThat(checkpoint.signedBy(key)).isTrue();
    }

    @Test
    @Order(6)
    void aRelayReplayPublishesTheWholeLedgerAgainUnderTheSameIdsButNoOlderStates() {
        List<ConsumerRecord<String, String>> before = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
                r -> ids(r).containsAll(expectedIds), Duration.ofSeconds(60));
        Map<String, String> lastEventPerVisitor = new HashMap<>();
        recorded.forEach(r -> lastEventPerVisitor.put(stream(r), r.eventId()));
        Map<Integer, Long> statesBefore = new HashMap<>();
        TopicReader.readUntil(kafka.bootstrapServers(), "consent-state", records -> records.size() >= 3_000,
                        Duration.ofSeconds(60))
                .forEach(r -> statesBefore.merge(r.partition(), r.offset(), Math::max));
        assertThat(ledger.post("/api/v1/admin/kafka-relay/replay", "").status()).isEqualTo(202);

        List<ConsumerRecord<String, String>> after = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
                r -> r.size() >= 2 * before.size(), Duration.ofSeconds(90));
        assertThat(after).hasSizeGreaterThanOrEqualTo(2 * before.size());
        assertThat(ids(after)).isEqualTo(ids(before));

        // A consumer keeping the latest state per visitor sees none of the older ones pass by again.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode relay = ledger.get("/api/v1/admin/kafka-relay").json();
            return !relay.get("replaying").asBoolean() && relay.get("eventsBehind").asLong() == 0;
        });
        List<ConsumerRecord<String, String>> republished = TopicReader.readUntil(kafka.bootstrapServers(),
                        "consent-state", r -> false, Duration.ofSeconds(5)).stream()
                .filter(r -> r.offset() > statesBefore.getOrDefault(r.partition(), -1L))
                .toList();
        assertThat(republished).isNotEmpty().allSatisfy(r -> assertThat(
                JSON.readTree(r.value()).get("lastEventId").asString()).isEqualTo(lastEventPerVisitor.get(r.key())));
    }

    @Test
    @Order(7)
    void theSampleAnalyticsConsumerCountsEveryChoiceOnceDespiteTheRepeats() {
        ConsentRateTable table = ConsentRates.consume(new ConsentRates.Options(kafka.bootstrapServers(), TOPIC,
                "analytics-" + System.nanoTime(), Duration.ofSeconds(10), Duration.ofSeconds(5)));

        long consents = recorded.stream().filter(r -> r.type().equals("ConsentGiven")).count();
        // Every banner choice in the traffic grants statistics and denies third-party.
        assertThat(total(table, "statistics", ConsentRateTable.Counts::granted)).isEqualTo(consents);
        assertThat(total(table, "third-party", ConsentRateTable.Counts::denied)).isEqualTo(consents);
        assertThat(table.duplicates()).as("the replay delivered every event twice").isGreaterThanOrEqualTo(3_000);
    }

    @Test
    @Order(8)
    void anErasureReachesConsumersUnderTheVisitorsKeyAndLeavesTheRatesAsTheyWere() {
        Traffic.Recorded visitor = recorded.get(0);
        String stream = stream(visitor);
        var erased = ledger.post("/api/v1/sites/" + visitor.siteId() + "/visitors/" + visitor.visitorId() + "/erasure",
                "{\"erasureId\": \"relay-erasure-1\", \"reason\": \"art17-request\"}");
        assertThat(erased.status()).as(erased.toString()).isEqualTo(202);

        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
                r -> r.stream().anyMatch(c -> c.value().contains("org.consentledger.subject.erased")),
                Duration.ofSeconds(60));
        ConsumerRecord<String, String> erasure = events.stream()
                .filter(c -> c.value().contains("org.consentledger.subject.erased")).findFirst().orElseThrow();
        assertThat(erasure.key()).isEqualTo(stream);
        JsonNode event = JSON.readTree(erasure.value());
        assertThat(event.get("subject").asString()).isEqualTo(VisitorStreams.visitorKey(stream));
        assertThat(event.get("data").get("erasureId").asString()).isEqualTo("relay-erasure-1");
        assertThat(erasure.value()).doesNotContain(visitor.visitorId());

        // The compacted topic forgets the visitor: a record with the visitor's key and no value.
        List<ConsumerRecord<String, String>> states = TopicReader.readUntil(kafka.bootstrapServers(), "consent-state",
                r -> r.stream().anyMatch(c -> c.key().equals(stream) && c.value() == null), Duration.ofSeconds(60));
        assertThat(states).anyMatch(c -> c.key().equals(stream) && c.value() == null);

        ConsentRateTable table = ConsentRates.consume(new ConsentRates.Options(kafka.bootstrapServers(), TOPIC,
                "analytics-" + System.nanoTime(), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        long consents = recorded.stream().filter(r -> r.type().equals("ConsentGiven")).count();
        assertThat(total(table, "statistics", ConsentRateTable.Counts::granted)).isEqualTo(consents);
    }

    @Test
    @Order(9)
    void aConsentGoesOutWithItsContextItsTcfPurposesAndItsConsentModeStatesButNotItsStrings() throws Exception {
        String site = "/api/v1/sites/signals.example.org";
        assertThat(ledger.put(site + "/policies/1", """
                {"effectiveFrom": "%s", "categories": [
                   {"id": "necessary", "name": "Necessary", "consentRequired": false},
                   {"id": "statistics", "name": "Statistics", "consentRequired": true},
                   {"id": "ads", "name": "Advertising", "consentRequired": true}],
                 "consentMode": {"analytics_storage": "statistics", "ad_storage": "ads",
                                 "security_storage": "necessary"}}""".formatted(clock.instant())).status())
                .isEqualTo(201);
        assertThat(ledger.put(site + "/notices/banner", """
                {"policyVersion": 1, "buttons": ["accept-all", "customize"], "texts": {"en": {"title": "Cookies",
                 "body": "We use cookies.", "buttonLabels": {"accept-all": "OK", "customize": "Choose"}}}}""")
                .status()).isEqualTo(201);
        JsonNode vector;
        try (var in = getClass().getResourceAsStream("/signals/tc-strings.json")) {
            vector = JSON.readTree(in).get("cases").get(3);
        }
        String tcString = vector.get("tcString").asString();
        var given = ledger.post(site + "/visitors/signals-visitor/consents", """
                {"consentId": "s1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                 "denied": ["ads"], "noticeId": "banner", "language": "en", "method": "custom", "surface": "banner",
                 "regulation": "gdpr", "country": "DE", "tcString": "%s"}""".formatted(clock.instant(), tcString));
        assertThat(given.status()).as(given.toString()).isEqualTo(201);
        String eventId = given.json().get("eventId").asString();

        ConsumerRecord<String, String> record = TopicReader.readUntil(kafka.bootstrapServers(), TOPIC,
                        r -> ids(r).contains(eventId), Duration.ofSeconds(60)).stream()
                .filter(r -> r.value().contains(eventId)).findFirst().orElseThrow();
        JsonNode data = JSON.readTree(record.value()).get("data");
        assertThat(data.at("/context/method").asString()).isEqualTo("custom");
        assertThat(data.at("/context/noticeId").asString()).isEqualTo("banner");
        assertThat(data.at("/tcf/purposeConsents")).isEqualTo(vector.get("purposeConsents"));
        assertThat(data.at("/tcf").has("vendorConsents")).isFalse();
        assertThat(data.get("consentMode").toString())
                .isEqualTo("{\"ad_storage\":\"denied\",\"analytics_storage\":\"granted\"}");
        assertThat(record.value()).doesNotContain(tcString, "signals-visitor");
        Schema schema;
        try (var in = getClass().getResourceAsStream("/schemas/consent-events.v4.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        assertThat(schema.validate(JSON.readTree(record.value()))).as(record.value()).isEmpty();
    }

    private static long total(ConsentRateTable table, String category,
                              java.util.function.ToLongFunction<ConsentRateTable.Counts> count) {
        return table.rows().entrySet().stream().filter(e -> e.getKey().category().equals(category))
                .mapToLong(e -> count.applyAsLong(e.getValue())).sum();
    }

    static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> JSON.readTree(r.value()).get("id").asString()).collect(Collectors.toSet());
    }

    private static List<ConsumerRecord<String, String>> inPartitionOrder(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .sorted(java.util.Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .toList();
    }
}
