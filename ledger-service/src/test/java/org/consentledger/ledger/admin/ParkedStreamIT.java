package org.consentledger.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.LedgerInstance.Response;
import org.consentledger.ledger.MutableClock;
import org.consentledger.ledger.write.LedgerWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A policy too large for the catalog's column, recorded past the HTTP limits as a back end's command would be: the
 * read models park that site's stream, every other site goes on being answered, health and metrics name it, and once
 * an operator has widened the column a retry applies it.
 */
class ParkedStreamIT {

    static final String POISON = "poison.example";
    static final String OTHER = "/api/v1/sites/smartbump.opendatasoft.com";

    @TempDir
    Path data;

    @Test
    void aStreamTheReadModelsCannotApplyIsParkedAloneUntilAnOperatorRetriesIt() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            ledger.bean(LedgerWriter.class).record(new PublishCookiePolicy(new CookiePolicy(POISON, 1, start,
                    Duration.ofDays(30), List.of(new CookieCategory("statistics", "Statistics", null, true)), List.of(),
                    "x".repeat(1_100_000))), PolicyReceipt.class);
            clock.advance(Duration.ofSeconds(2));
            assertThat(ledger.post("/api/v1/sites/" + POISON + "/visitors/bob/consents", consent("p-1", start))
                    .status()).isEqualTo(201);

            assertThat(ledger.post(OTHER + "/visitors/alice/consents", consent("c-1", start)).status()).isEqualTo(201);
            long asked = System.nanoTime();
            Response other = ledger.get(OTHER + "/visitors/alice/consent");
            assertThat(other.status()).as(other.body()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));

            Response policy = ledger.get("/api/v1/sites/" + POISON + "/policies/1");
            assertThat(policy.status()).isEqualTo(503);
            assertThat(policy.body()).contains("stream '" + POISON + "' are parked");
            assertThat(policy.retryAfter()).as("not a matter of seconds").isEqualTo("60");
            Response visitor = ledger.get("/api/v1/sites/" + POISON + "/visitors/bob/consent");
            assertThat(visitor.status()).isEqualTo(503);
            assertThat(visitor.body()).contains("stream '" + POISON + "' are parked");

            Response health = ledger.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().at("/components/parkedEvents/status").asString()).isEqualTo("DEGRADED");
            assertThat(health.json().at("/components/parkedEvents/details/streams").toString()).contains(POISON);
            assertThat(ledger.get("/actuator/prometheus").body())
                    .contains("ledger_read_models_parked_streams 1.0")
                    .contains("ledger_read_models_parked_events 1.0");
            Response parked = ledger.get("/api/v1/admin/projections/parked");
            assertThat(parked.json().at("/streams/0/stream").asString()).isEqualTo(POISON);
            assertThat(parked.json().at("/streams/0/cause").asString()).contains("document");

            Response stillFailing = ledger.post("/api/v1/admin/projections/parked/retry?stream=" + POISON, "");
            assertThat(stillFailing.status()).isEqualTo(200);
            assertThat(stillFailing.json().at("/applied").asInt()).isZero();
            assertThat(ledger.post("/api/v1/admin/projections/parked/retry?stream=nobody.example", "").status())
                    .isEqualTo(404);
            assertThat(ledger.post("/api/v1/audit/verify", "").json().at("/intact").asBoolean()).isTrue();

            // The operator's fix: a column that holds the document.
            boolean postgres = "postgres".equals(System.getProperty("ledger.test.database"));
            ledger.bean(JdbcClient.class).sql("alter table policy_catalog alter column document set data type "
                    + (postgres ? "text" : "character large object")).update();
        }
        try (LedgerInstance ledger = LedgerInstance.start(data, new MutableClock(start.plusSeconds(10)))) {
            Response retried = ledger.post("/api/v1/admin/projections/parked/retry", "");
            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.json().at("/applied").asInt()).isEqualTo(1);

            assertThat(ledger.get("/api/v1/sites/" + POISON + "/policies/1").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    ledger.get("/api/v1/sites/" + POISON + "/visitors/bob/consent").status()).isEqualTo(200));
            Response health = ledger.get("/actuator/health");
            assertThat(health.json().at("/components/parkedEvents/status").asString()).isEqualTo("UP");
            assertThat(health.json().at("/status").asString()).isEqualTo("UP");
            assertThat(ledger.post("/api/v1/audit/verify", "").json().at("/intact").asBoolean()).isTrue();
        }
    }

    private static String consent(String id, Instant start) {
        return """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}"""
                .formatted(id, start.plusSeconds(1));
    }
}
