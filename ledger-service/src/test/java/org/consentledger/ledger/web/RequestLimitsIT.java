package org.consentledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant with an ingest key sends more than the ledger can hold: it is refused at the door (413 or 400, nothing
 * recorded), so no read model is ever asked to take what it cannot, and every other site goes on being answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsIT {

    static final String POISON = "/api/v1/sites/poison.example/policies/1";

    @TempDir
    static Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);
    LedgerInstance ledger;

    @BeforeAll
    void startLedger() {
        ledger = LedgerInstance.start(data, clock);
        clock.advance(Duration.ofSeconds(2));
    }

    @AfterAll
    void stopLedger() {
        ledger.close();
    }

    @Test
    void aPolicyLargerThanTheCatalogHoldsIsRefusedAndEveryOtherSiteIsStillAnswered() {
        assertRefused(ledger.put(POISON, policy("x".repeat(1_048_600), 0)), 413, "body");
        assertRefused(ledger.put(POISON, policy("x".repeat(300_000), 0)), 400, "text");
        // Every field within its bounds, the whole beyond what the catalog's column holds.
        assertRefused(ledger.put(POISON, policy("", 400)), 413, "body");
        assertThat(ledger.get("/api/v1/sites/poison.example/policies").status()).isEqualTo(404);

        String alice = "/api/v1/sites/smartbump.opendatasoft.com/visitors/alice";
        assertThat(ledger.post(alice + "/consents", """
                {"consentId": "c-1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                """.formatted(start.plusSeconds(1))).status()).isEqualTo(201);
        ledger.awaitProjectionsCaughtUp();
        assertThat(ledger.get(alice + "/consent").status()).isEqualTo(200);
    }

    @Test
    void aBodyBeyondItsLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        String evidence = "\"" + "e".repeat(70_000) + "\"";
        String consent = """
                {"consentId": "big", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": [],
                 "evidence": {"note": %s}}""".formatted(start.plusSeconds(1), evidence);
        String path = "/api/v1/sites/smartbump.opendatasoft.com/visitors/bob/consents";
        assertRefused(ledger.post(path, consent), 413, "body");

        byte[] bytes = consent.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ledger.baseUrl() + path))
                .header("Authorization", "Bearer " + LedgerInstance.generatedToken(data.resolve("keys/access-token")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(ledger.get("/api/v1/sites/smartbump.opendatasoft.com/visitors/bob/events").json()
                .get("events").size()).isZero();
    }

    private static void assertRefused(LedgerInstance.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString().substring(0, Math.min(300, response.toString().length())))
                .isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo(field);
    }

    private String policy(String text, int cookies) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < cookies; i++) {
            list.append(i == 0 ? "" : ",").append("""
                    {"name": "c%d", "provider": "p", "purpose": "%s", "category": "statistics"}"""
                    .formatted(i, "p".repeat(2_000)));
        }
        return """
                {"effectiveFrom": "%s", "text": "%s",
                 "categories": [{"id": "necessary", "name": "Necessary", "consentRequired": false},
                                {"id": "statistics", "name": "Statistics", "consentRequired": true}],
                 "cookies": [%s]}""".formatted(start.plusSeconds(1), text, list);
    }
}
