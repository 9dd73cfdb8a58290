package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A banner that got its 201 may forget the consent: the ledger is its proof. So whatever the ledger acknowledged is
 * still there when the server is killed the moment after it answered, before any background writer had its turn.
 */
class AcknowledgedWritesSurviveACrashIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";

    @TempDir
    Path data;

    @Test
    void consentsAndPoliciesAnsweredBeforeAKillAreThereAfterTheRestart() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (LedgerProcess server = LedgerProcess.start(data)) {
            String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            LedgerInstance.Response policy = server.send("PUT", SITE + "/policies/2", """
                    {"effectiveFrom": "%s", "consentMaxAge": "P180D",
                     "categories": [{"id": "necessary", "name": "Necessary", "consentRequired": false},
                                    {"id": "statistics", "name": "Statistics", "consentRequired": true}],
                     "cookies": [{"name": "sessionid", "provider": "Opendatasoft", "function": "Authentication",
                                  "purpose": "To remember the user", "category": "necessary"}]}
                    """.formatted(now));
            assertThat(policy.status()).as(policy.toString()).isEqualTo(201);

            StringBuilder decisions = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                decisions.append(i == 0 ? "" : ",").append("""
                        {"visitorId": "batch-%d", "consent": {"consentId": "b-%d", "policyVersion": 1,
                         "occurredAt": "%s", "granted": ["statistics"], "denied": []}}""".formatted(i, i, now));
            }
            LedgerInstance.Response batch = server.send("POST", SITE + "/consents:batch",
                    "{\"decisions\": [" + decisions + "]}");
            assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
            for (JsonNode result : batch.json().get("results")) {
                assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(201);
                acknowledged.add(result.get("receipt").get("eventId").asString());
            }

            LedgerInstance.Response single = server.send("POST", SITE + "/visitors/last/consents", """
                    {"consentId": "last", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                    """.formatted(now));
            assertThat(single.status()).as(single.toString()).isEqualTo(201);
            acknowledged.add(single.json().get("eventId").asString());
            server.kill();
        }

        try (LedgerInstance restarted = LedgerInstance.start(data, Clock.systemUTC())) {
            assertThat(restarted.get(SITE + "/policies/2").status()).as("the policy answered 201").isEqualTo(200);
            List<String> stored = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                restarted.get(SITE + "/visitors/batch-" + i + "/events").json().get("events")
                        .forEach(event -> stored.add(event.get("eventId").asString()));
            }
            restarted.get(SITE + "/visitors/last/events").json().get("events")
                    .forEach(event -> stored.add(event.get("eventId").asString()));
            assertThat(stored).as("every acknowledged consent").containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
