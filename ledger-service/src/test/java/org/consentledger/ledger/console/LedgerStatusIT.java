package org.consentledger.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An auditor opening the console sees the ledger at a glance: how many events it holds, the newest signed
 * checkpoint, how far each processor has come, and only the sites their key reaches.
 */
class LedgerStatusIT {

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void anAuditorSeesTheLedgerAndOnlyTheSitesTheirKeyReaches() {
        Map<String, Object> keys = new HashMap<>();
        keys.putAll(LedgerInstance.accessKey(0, "operator", "operator-token-0123456789", "ingest,audit,admin",
                "*"));
        keys.putAll(LedgerInstance.accessKey(1, "shop-auditor", "auditor-token-0123456789", "audit",
                "smartbump.opendatasoft.com"));
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, keys)) {
            Instant chosen = clock.advance(Duration.ofMinutes(1));
            assertThat(ledger.send("POST", "/api/v1/sites/smartbump.opendatasoft.com/visitors/alice/consents", """
                    {"consentId": "c1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": []}""".formatted(chosen), "operator-token-0123456789").status()).isEqualTo(201);
            ledger.awaitEvidenceLogCaughtUp();

            var answer = ledger.send("GET", "/api/v1/audit/status", null, "auditor-token-0123456789");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode status = answer.json();
            assertThat(status.get("events").asLong()).as("two seeded policies and Alice's consent").isEqualTo(3);
            assertThat(status.at("/checkpoint/treeSize").asLong()).isEqualTo(3);
            assertThat(status.get("processors").valueStream().map(p -> p.get("name").asString()))
                    .contains("consent-history", "policy-catalog", "merkle-log");
            assertThat(status.get("processors").valueStream().filter(p -> p.get("name").asString()
                    .equals("merkle-log")).findFirst().orElseThrow().get("behind").asLong()).isZero();
            assertThat(status.get("relay").isNull()).as("no Kafka configured").isTrue();
            assertThat(status.get("sites").valueStream().map(JsonNode::asString))
                    .containsExactly("smartbump.opendatasoft.com");
            assertThat(ledger.send("GET", "/api/v1/audit/status", null, "operator-token-0123456789").json()
                    .get("sites")).hasSize(2);
            assertThat(ledger.send("GET", "/api/v1/audit/status", null, null).status()).isEqualTo(401);
        }
    }
}
