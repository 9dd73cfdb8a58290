package org.consentledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import tools.jackson.databind.JsonNode;

/**
 * Input the ledger cannot hold or route is refused as the client's fault (4xx with a problem), never answered as
 * the ledger's (500), and alike on every database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedInputsIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";

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
    void textThatIsNotUnicodeOrHoldsNulIsRefusedNamingItsField() {
        String history = ledger.get(SITE + "/visitors/ivy/events").body();
        assertRefused(ledger.post(SITE + "/visitors/ivy/consents", consent("\\ud800", "Firefox")), "consentId");
        assertRefused(ledger.post(SITE + "/visitors/ivy/consents", consent("c-1", "Fire\\udc00fox")),
                "evidence.userAgent");
        assertRefused(ledger.post(SITE + "/visitors/ivy/consents", consent("c\\u0000-1", "Firefox")), "consentId");
        assertThat(ledger.get(SITE + "/visitors/ivy/events").body()).isEqualTo(history);
        var paired = ledger.post(SITE + "/visitors/ivy/consents", consent("c-\\ud83c\\udf6a", "Firefox"));
        assertThat(paired.status()).as("a surrogate pair is a character (a cookie)").isEqualTo(201);
    }

    @Test
    void inABatchOnlyTheDecisionWithBadTextIsRefused() {
        var batch = ledger.post(SITE + "/consents:batch", """
                {"decisions": [{"visitorId": "jan", "consent": %s}, {"visitorId": "jan", "consent": %s}]}
                """.formatted(consent("b-\\ud800", "Firefox"), consent("b-2", "Firefox")));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode results = batch.json().get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(0).get("problem").get("field").asString()).isEqualTo("decisions[0].consent.consentId");
        assertThat(results.get(1).get("status").asInt()).isEqualTo(201);
    }

    @Test
    void pathsNoHandlerServesAreNotFoundProblemsEvenForAnAdmin() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = LedgerInstance.generatedToken(data.resolve("keys/access-token"));
        for (String path : new String[] {"/actuator/health/a/b/c", "/actuator/health/../env", "/error"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ledger.baseUrl() + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
        }
        assertThat(ledger.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private void assertRefused(LedgerInstance.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo(field);
    }

    private String consent(String consentId, String userAgent) {
        return """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": [],
                 "evidence": {"userAgent": "%s"}}""".formatted(consentId, start.plusSeconds(1), userAgent);
    }
}
