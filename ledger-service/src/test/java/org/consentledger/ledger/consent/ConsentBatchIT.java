package org.consentledger.ledger.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.store.evidence.EvidenceLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A consent-management platform imports its log through the batch endpoint: each decision is answered as the single
 * endpoints would answer it, refused ones leave no trace, and a resubmitted batch records nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentBatchIT {

    static final String SITE = "/api/v1/sites/juleslesmart.opendatasoft.com";
    static final String BATCH = SITE + "/consents:batch";

    @TempDir
    static Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);
    LedgerInstance ledger;

    @BeforeAll
    void startLedger() {
        // Two writers, so that concurrent requests are also prepared concurrently, as on a machine configured for it;
        // one cached visitor, so that visitors are read from the store (in one query per batch) nearly every time.
        ledger = LedgerInstance.start(data, clock, Map.of("ledger.consent.writers", 2, "ledger.consent.cached-visitors", 1));
        clock.set(start.plus(Duration.ofMinutes(10))); // the seed policy took effect at the first start
    }

    @AfterAll
    void stopLedger() {
        ledger.close();
    }

    @Test
    void aLogImportIsAnsweredDecisionByDecisionAndRefusedDecisionsLeaveNoTrace() {
        String body = batch(
                consent("imp-ann", "imp-1", at(1), "[\"statistics\"]", "[\"third-party\"]"),
                consent("imp-bob", "imp-2", at(1), "[\"statistics\",\"first-party\"]", "[]"),
                consent("imp-ann", "imp-3", at(2), "[\"statistics\",\"third-party\"]", "[]"),
                consent("imp-cat", "imp-4", at(1), "[\"marketing\"]", "[]"),
                withdrawal("imp-bob", "imp-5", at(3), "[\"first-party\"]"),
                consent("not a visitor id", "imp-6", at(1), "[\"statistics\"]", "[]"),
                "{\"visitorId\":\"imp-dan\"}",
                consent("imp-eve", "imp-7", start.minus(Duration.ofHours(1)), "[\"statistics\"]", "[]"),
                "{\"visitorId\":\"imp-fay\",\"consent\":{\"consentId\":\"imp-8\",\"occurredAt\":\"" + at(1)
                        + "\",\"granted\":[\"statistics\"],\"denied\":[]}}");

        LedgerInstance.Response response = ledger.post(BATCH, body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(statuses(results)).containsExactly(201, 201, 201, 422, 201, 400, 400, 422, 400);
        assertThat(response.json().get("recorded").asInt()).isEqualTo(4);
        assertThat(response.json().get("refused").asInt()).isEqualTo(5);
        assertThat(field(results, 3)).isEqualTo("decisions[3].consent.granted[0]");
        assertThat(field(results, 5)).isEqualTo("decisions[5].visitorId");
        assertThat(field(results, 6)).isEqualTo("decisions[6]");
        assertThat(field(results, 7)).isEqualTo("decisions[7].consent.occurredAt");
        assertThat(field(results, 8)).isEqualTo("decisions[8].consent.policyVersion");
        assertThat(results.get(3).get("problem").get("detail").asString()).contains("marketing");

        // Ann's two decisions are one stream, in the order sent, each chained to the one before.
        List<JsonNode> ann = events("imp-ann");
        assertThat(ann).extracting(e -> e.get("consentId").asString()).containsExactly("imp-1", "imp-3");
        assertThat(ann.get(0).get("eventId")).isEqualTo(results.get(0).get("receipt").get("eventId"));
        assertThat(events("imp-cat")).isEmpty();
        assertThat(events("imp-eve")).isEmpty();
        assertThat(events("imp-bob")).extracting(e -> e.get("type").asString())
                .containsExactly("ConsentGiven", "ConsentWithdrawn");

        ledger.awaitProjectionsCaughtUp();
        JsonNode answer = ledger.get(SITE + "/visitors/imp-ann/consent").json();
        assertThat(category(answer, "third-party").get("status").asString()).isEqualTo("GRANTED");
        assertThat(category(answer, "third-party").get("decidedBy"))
                .isEqualTo(results.get(2).get("receipt").get("eventId"));
        assertThat(category(ledger.get(SITE + "/visitors/imp-bob/consent").json(), "first-party")
                .get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(ledger.post("/api/v1/audit/verify", "").json().get("intact").asBoolean()).isTrue();

        // The platform retries the whole import: the recorded decisions are replayed, nothing is recorded twice.
        JsonNode again = ledger.post(BATCH, body).json();
        assertThat(statuses(again.get("results"))).containsExactly(200, 200, 200, 422, 200, 400, 400, 422, 400);
        assertThat(again.get("results").get(2).get("receipt").get("eventId"))
                .isEqualTo(results.get(2).get("receipt").get("eventId"));
        assertThat(events("imp-ann")).hasSize(2);
    }

    @Test
    void aClientIdReusedForOtherContentInTheSameBatchIsAConflict() {
        JsonNode results = ledger.post(BATCH, batch(
                consent("dup-ann", "dup-1", at(1), "[\"statistics\"]", "[]"),
                consent("dup-ann", "dup-1", at(1), "[\"third-party\"]", "[]"),
                consent("dup-ann", "dup-1", at(1), "[\"statistics\"]", "[]"))).json().get("results");

        assertThat(statuses(results)).containsExactly(201, 409, 200);
        assertThat(field(results, 1)).isEqualTo("decisions[1].consent.consentId");
        assertThat(events("dup-ann")).hasSize(1);
    }

    @Test
    void aBatchMustHoldOneToAThousandDecisions() {
        LedgerInstance.Response empty = ledger.post(BATCH, "{\"decisions\":[]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("field").asString()).isEqualTo("decisions");

        String tooMany = batch(IntStream.range(0, 1_001)
                .mapToObj(i -> consent("big-" + i, "big-" + i, at(1), "[\"statistics\"]", "[]"))
                .toArray(String[]::new));
        LedgerInstance.Response refused = ledger.post(BATCH, tooMany);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("field").asString()).isEqualTo("decisions");
        assertThat(events("big-0")).isEmpty();

        assertThat(ledger.post("/api/v1/sites/nowhere.example/consents:batch",
                batch(consent("x", "x-1", at(1), "[\"statistics\"]", "[]"))).json().get("results").get(0)
                .get("status").asInt()).isEqualTo(404);
    }

    @Test
    void concurrentBatchesOverTheSameVisitorsRecordEveryDecisionOnce() {
        // Two clients send the same visitors' decisions in opposite orders: a lock-order deadlock would hang here.
        List<String> forward = new ArrayList<>();
        List<String> backward = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            forward.add(consent("race-" + (i % 50), "race-f-" + i, at(1), "[\"statistics\"]", "[]"));
            backward.add(0, consent("race-" + (i % 50), "race-b-" + i, at(1), "[\"first-party\"]", "[]"));
        }
        List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            sent.add(CompletableFuture.supplyAsync(() -> ledger.post(BATCH, batch(forward.toArray(String[]::new))).json()));
            sent.add(CompletableFuture.supplyAsync(() -> ledger.post(BATCH, batch(backward.toArray(String[]::new))).json()));
        }
        List<JsonNode> answers = sent.stream().map(CompletableFuture::join).toList();

        int recorded = answers.stream().mapToInt(a -> a.get("recorded").asInt()).sum();
        int replayed = answers.stream().mapToInt(a -> a.get("replayed").asInt()).sum();
        assertThat(recorded).isEqualTo(400);
        assertThat(replayed).isEqualTo(800);
        int stored = IntStream.range(0, 50).map(v -> events("race-" + v).size()).sum();
        assertThat(stored).isEqualTo(400);
        assertThat(events("race-7")).extracting(e -> e.get("sequence").asInt()).containsExactly(
                IntStream.range(0, 8).boxed().toArray(Integer[]::new));
    }

    @Test
    void batchesWrittenAtOnceCommitInTheStoresOrderSoTheEvidenceLogFollowsIt() {
        // Several writers prepare groups at once; if their commits interleaved, the log would take late-committed
        // events after later ones, and every processor would carry the holes in its position meanwhile.
        EvidenceLog log = ledger.bean(EvidenceLog.class);
        ledger.awaitEvidenceLogCaughtUp(); // the earlier tests' events are all in the log
        long before = log.size();
        List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
        for (int client = 0; client < 6; client++) {
            String[] decisions = new String[400];
            for (int i = 0; i < decisions.length; i++) {
                decisions[i] = consent("order-" + client + "-" + i, "order-" + client + "-" + i, at(1),
                        "[\"statistics\"]", "[]");
            }
            for (int round = 0; round < 3; round++) {
                String[] part = Arrays.copyOfRange(decisions, round * 130, round * 130 + 130);
                sent.add(CompletableFuture.supplyAsync(() -> ledger.post(BATCH, batch(part)).json()));
            }
        }
        assertThat(sent.stream().mapToInt(f -> f.join().get("recorded").asInt()).sum()).isEqualTo(6 * 3 * 130);
        ledger.awaitEvidenceLogCaughtUp();

        List<Long> order = log.leaves(before, log.size()).stream().map(EvidenceLog.Leaf::globalIndex).toList();
        assertThat(order).hasSize(6 * 3 * 130).isSorted();
    }

    @Test
    void aBatchIsStoredStreamByStreamKeepingEachVisitorsOwnOrder() {
        // In stream order, two instances appending to the same visitors take the store's unique keys in one order.
        LedgerInstance.Response response = ledger.post(BATCH, batch(
                consent("sorted-b", "sb-1", at(1), "[\"statistics\"]", "[]"),
                consent("sorted-a", "sa-1", at(1), "[\"statistics\"]", "[]"),
                consent("sorted-b", "sb-2", at(2), "[\"first-party\"]", "[]")));
        assertThat(response.json().get("recorded").asInt()).isEqualTo(3);
        ledger.awaitEvidenceLogCaughtUp();

        EvidenceLog log = ledger.bean(EvidenceLog.class);
        long a = log.leafOf(events("sorted-a").get(0).get("eventId").asString()).orElseThrow().globalIndex();
        List<Long> b = events("sorted-b").stream()
                .map(e -> log.leafOf(e.get("eventId").asString()).orElseThrow().globalIndex()).toList();
        assertThat(events("sorted-b")).extracting(e -> e.get("consentId").asString()).containsExactly("sb-1", "sb-2");
        // Streams are named by keyed hashes: whichever of the two names sorts first was stored first.
        VisitorStreams streams = ledger.bean(VisitorStreams.class);
        String site = "juleslesmart.opendatasoft.com";
        boolean aFirst = streams.current(site, "sorted-a").compareTo(streams.current(site, "sorted-b")) < 0;
        assertThat(b).isSorted().allMatch(index -> aFirst ? index > a : index < a);
    }

    private String at(int minutes) {
        return start.plus(Duration.ofMinutes(minutes)).toString();
    }

    private static String batch(String... decisions) {
        return "{\"decisions\":[" + String.join(",", decisions) + "]}";
    }

    private static String consent(String visitor, String consentId, Object occurredAt, String granted, String denied) {
        return """
                {"visitorId":"%s","consent":{"consentId":"%s","policyVersion":1,"occurredAt":"%s",\
                "granted":%s,"denied":%s,"source":"cmp-import"}}""".formatted(visitor, consentId, occurredAt, granted, denied);
    }

    private static String withdrawal(String visitor, String withdrawalId, Object occurredAt, String categories) {
        return """
                {"visitorId":"%s","withdrawal":{"withdrawalId":"%s","occurredAt":"%s","categories":%s}}"""
                .formatted(visitor, withdrawalId, occurredAt, categories);
    }

    private List<JsonNode> events(String visitor) {
        List<JsonNode> events = new ArrayList<>();
        ledger.get(SITE + "/visitors/" + visitor + "/events").json().get("events").forEach(events::add);
        return events;
    }

    private static List<Integer> statuses(JsonNode results) {
        List<Integer> statuses = new ArrayList<>();
        results.forEach(r -> statuses.add(r.get("status").asInt()));
        return statuses;
    }

    private static String field(JsonNode results, int index) {
        return results.get(index).get("problem").get("field").asString();
    }

    private static JsonNode category(JsonNode answer, String id) {
        for (JsonNode category : answer.get("categories")) {
            if (category.get("id").asString().equals(id)) {
                return category;
            }
        }
        throw new AssertionError("no category " + id + " in " + answer);
    }
}
