package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A site's back end asks which cookies it may set right after the banner recorded the visitor's choice; an auditor
 * asks while an operator rebuilds the read models. Either way the point-in-time answer holds every event the ledger
 * had recorded when it was asked, or there is no answer (503, ask again); never a silently incomplete one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PointInTimeAnswerIT {

    static final String SITE = "/api/v1/sites/juleslesmart.opendatasoft.com";

    @TempDir
    static Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);
    LedgerInstance ledger;

    @BeforeAll
    void startLedger() {
        ledger = LedgerInstance.start(data, clock);
        clock.set(start.plus(Duration.ofHours(2))); // the seed policy took effect at the first start
    }

    @AfterAll
    void stopLedger() {
        ledger.close();
    }

    @Test
    void anAnswerAskedRightAfterTheReceiptHoldsTheChoice() {
        for (int i = 0; i < 300; i++) {
            String visitor = SITE + "/visitors/at-once-" + i;
            boolean grants = i % 2 == 0;
            LedgerInstance.Response receipt = ledger.post(visitor + "/consents", """
                    {"consentId":"at-once-%d","policyVersion":1,"occurredAt":"%s","granted":%s,"denied":%s}"""
                    .formatted(i, clock.instant(), grants ? "[\"statistics\"]" : "[]",
                            grants ? "[]" : "[\"statistics\"]"));
            assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);

            LedgerInstance.Response answer = ledger.get(visitor + "/consent");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode statistics = category(answer.json(), "statistics");
            assertThat(statistics.get("decidedBy").asString()).as("visitor %d", i)
                    .isEqualTo(receipt.json().get("eventId").asString());
            assertThat(statistics.get("status").asString()).isEqualTo(grants ? "GRANTED" : "DENIED");
        }
    }

    @Test
    void duringAReplayAnAnswerIsTheSameAsBeforeOrRefused() {
        int visitors = 2_000;
        for (int r = 0; r < 12; r++) {
            int round = r;
            int half = round % 2;
            Instant occurredAt = clock.instant().minus(Duration.ofMinutes(60 - round));
            List<String> decisions = IntStream.range(half * visitors / 2, (half + 1) * visitors / 2)
                    .mapToObj(v -> decision(v, round, occurredAt))
                    .toList();
            LedgerInstance.Response batch = ledger.post(SITE + "/consents:batch",
                    "{\"decisions\":[" + String.join(",", decisions) + "]}");
            assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
            assertThat(batch.body()).doesNotContain("\"status\":4");
        }
        ledger.awaitProjectionsCaughtUp();

        // The visitors written last are the last a replay reaches.
        Instant at = clock.instant();
        Map<String, String> before = new LinkedHashMap<>();
        for (int v = visitors - 60; v < visitors; v++) {
            String question = SITE + "/visitors/replayed-" + v + "/consent?at=" + at + "&asOf=" + at;
            LedgerInstance.Response answer = ledger.get(question);
            assertThat(answer.status()).isEqualTo(200);
            before.put(question, answer.body());
        }

        assertThat(ledger.post("/api/v1/admin/projections/replay", "").status()).isEqualTo(202);
        List<Integer> statuses = new ArrayList<>();
        boolean sawReplay = false;
        boolean replaying = true;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (replaying) {
            assertThat(System.nanoTime()).as("the replay ends, visitor index included").isLessThan(deadline);
            replaying = status().get("projections").valueStream().anyMatch(p -> p.get("replaying").asBoolean());
            sawReplay |= replaying;
            for (Map.Entry<String, String> question : before.entrySet()) {
                LedgerInstance.Response answer = ledger.get(question.getKey());
                statuses.add(answer.status());
                if (answer.status() == 503) {
                    assertThat(answer.contentType()).isEqualTo("application/problem+json");
                    assertThat(answer.retryAfter()).isEqualTo("1");
                } else {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    assertThat(answer.body()).as(question.getKey()).isEqualTo(question.getValue());
                }
            }
        }
        assertThat(sawReplay).as("the read models were asked while they were being rebuilt").isTrue();
        assertThat(statuses).contains(200);
        assertThat(ledger.hasIndex("consent_history", "consent_history_visitor")).isTrue();
    }

    private JsonNode status() {
        return ledger.get("/api/v1/admin/projections").json();
    }

    /** Visitor v's choice in this round: grants and denials alternate, so every round changes the answer. */
    private static String decision(int v, int round, Instant occurredAt) {
        String statistics = "[\"statistics\"]";
        boolean grants = (v + round) % 2 == 0;
        return """
                {"visitorId":"replayed-%d","consent":{"consentId":"replayed-%d-%d","policyVersion":1,\
                "occurredAt":"%s","granted":%s,"denied":%s}}""".formatted(v, v, round, occurredAt,
                grants ? statistics : "[]", grants ? "[]" : statistics);
    }

    private static JsonNode category(JsonNode answer, String id) {
        return answer.get("categories").valueStream().filter(c -> c.get("id").asString().equals(id))
                .findFirst().orElseThrow();
    }
}
