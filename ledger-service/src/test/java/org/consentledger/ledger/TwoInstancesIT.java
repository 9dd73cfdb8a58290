package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two ledger instances behind a load balancer share one PostgreSQL database, and banners hit the same visitors
 * through both at once: every consent is recorded exactly once, each visitor's stream stays whole, and when one
 * instance stops the other carries on with its work.
 */
class TwoInstancesIT {

    static final String SITE = "/api/v1/sites/juleslesmart.opendatasoft.com/visitors/";

    @TempDir
    Path data;

    @Test
    void concurrentConsentsForTheSameVisitorsOnTwoInstancesAreEachRecordedOnce() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("ledger.test.database")),
                "two processes share a database only on PostgreSQL");
        LedgerInstance first = LedgerInstance.start(data, Clock.systemUTC());
        LedgerInstance second = LedgerInstance.start(data, Clock.systemUTC());
        try {
            ExecutorService banners = Executors.newFixedThreadPool(4);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                LedgerInstance via = b % 2 == 0 ? first : second;
                int banner = b;
                statuses.add(banners.submit(() -> {
                    int recorded = 0;
                    for (int i = 0; i < 60; i++) {
                        var response = via.post(SITE + "v" + (i % 5) + "/consents", """
                                {"consentId": "b%d-%d", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                                """.formatted(banner, i, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                        assertThat(response.status()).as(response.toString()).isEqualTo(201);
                        recorded++;
                    }
                    return recorded;
                }));
            }
            int recorded = 0;
            for (Future<Integer> status : statuses) {
                recorded += status.get();
            }
            banners.shutdown();
            assertThat(recorded).isEqualTo(240);

            int events = 0;
            for (int v = 0; v < 5; v++) {
                JsonNode history = first.get(SITE + "v" + v + "/events").json().get("events");
                for (int i = 0; i < history.size(); i++) {
                    assertThat(history.get(i).get("sequence").asLong()).isEqualTo(i);
                }
                events += history.size();
            }
            assertThat(events).as("each consent exactly once").isEqualTo(240);

            // One instance goes away; the other takes over its processors and the ledger checks out.
            first.close();
            second.post(SITE + "after/consents", """
                    {"consentId": "after", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                    """.formatted(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            second.awaitProjectionsCaughtUp();
            assertThat(second.get(SITE + "after/consent").json().get("categories").toString()).contains("GRANTED");
            JsonNode audit = second.post("/api/v1/audit/verify", "").json();
            assertThat(audit.get("intact").asBoolean()).as(audit.toString()).isTrue();
        } finally {
            second.close();
            first.close();
        }
    }

    @Test
    void whenAnInstanceDiesTheOtherTakesOverItsWorkOnceItsClaimsExpire() throws Exception {
        assumeTrue("postgres".equals(System.getProperty("ledger.test.database")),
                "two processes share a database only on PostgreSQL");
        // Started first, the process claims every event processor: the read models and the evidence log run there.
        try (LedgerProcess doomed = LedgerProcess.start(data)) {
            long starting = System.nanoTime();
            try (LedgerInstance survivor = LedgerInstance.start(data, Clock.systemUTC(),
                    Map.of("ledger.read-models.startup-catch-up-timeout", "PT2M"))) {
                // Ready as soon as the read models (run by the other instance) are up to date, not after the timeout.
                assertThat(Duration.ofNanos(System.nanoTime() - starting)).isLessThan(Duration.ofSeconds(90));

                assertThat(survivor.post(SITE + "before/consents", consent("before")).status()).isEqualTo(201);
                survivor.awaitProjectionsCaughtUp();
                doomed.kill();

                assertThat(survivor.post(SITE + "after/consents", consent("after")).status()).isEqualTo(201);
                // Only the survivor can have handled this one, once the dead instance's claims expired; until then
                // the answer is refused (503), as it would lack the consent.
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    LedgerInstance.Response answer = survivor.get(SITE + "after/consent");
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    assertThat(answer.json().get("categories").toString()).contains("GRANTED");
                });
                survivor.awaitProjectionsCaughtUp();
                JsonNode audit = survivor.post("/api/v1/audit/verify", "").json();
                assertThat(audit.get("intact").asBoolean()).as(audit.toString()).isTrue();
                assertThat(audit.get("leavesChecked").asLong()).as("the evidence log took in every event")
                        .isEqualTo(audit.get("eventsChecked").asLong());
            }
        }
    }

    private static String consent(String id) {
        return """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                """.formatted(id, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
