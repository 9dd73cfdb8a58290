package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
                                {"consentId": "b%d-%d", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"]}
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
                    {"consentId": "after", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"]}
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
}
