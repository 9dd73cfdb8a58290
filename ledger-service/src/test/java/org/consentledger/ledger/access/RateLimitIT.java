package org.consentledger.ledger.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key that floods the ledger is held to its rate: refused with 429 and Retry-After, nothing recorded. */
class RateLimitIT {

    static final String ALICE = "/api/v1/sites/smartbump.opendatasoft.com/visitors/alice";

    @TempDir
    Path data;

    @Test
    void aKeyBeyondItsRateIsRefusedUntilItsBucketRefills() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, Map.of(
                "ledger.access.rate-limit.requests-per-second", 1, "ledger.access.rate-limit.burst", 3))) {
            clock.advance(Duration.ofSeconds(2));
            for (int i = 0; i < 3; i++) {
                assertThat(ledger.post(ALICE + "/consents", consent("c-" + i, start)).status()).isEqualTo(201);
            }
            var refused = ledger.post(ALICE + "/consents", consent("c-3", start));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Integer.parseInt(refused.retryAfter())).isBetween(1, 2);
            assertThat(ledger.get("/actuator/health/readiness").status()).as("probes are not counted").isEqualTo(200);

            Thread.sleep(Integer.parseInt(refused.retryAfter()) * 1_000L);
            var events = ledger.get(ALICE + "/events");
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.json().get("events").size()).as("the refused consent left no trace").isEqualTo(3);
        }
    }

    private static String consent(String id, Instant start) {
        return """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                """.formatted(id, start.plusSeconds(1));
    }
}
