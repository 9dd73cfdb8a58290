package org.consentledger.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator who asks for a replay again and again, or twice at once, still gets read models that catch up. */
class ReplayRequestsIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";

    @TempDir
    Path data;

    @Test
    void replaysAskedForInQuickSuccessionLeaveReadModelsThatCatchUp() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(start);
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            clock.advance(java.time.Duration.ofSeconds(2));
            assertThat(ledger.post(SITE + "/visitors/alice/consents", """
                    {"consentId": "c-1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": []}""".formatted(start.plusSeconds(1))).status()).isEqualTo(201);

            for (int i = 0; i < 15; i++) {
                assertThat(ledger.post("/api/v1/admin/projections/replay", "").status()).isEqualTo(202);
            }
            CompletableFuture<?>[] atOnce = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.runAsync(() ->
                    assertThat(ledger.post("/api/v1/admin/projections/replay", "").status()).isEqualTo(202)))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(atOnce).join();

            ledger.awaitProjectionsCaughtUp();
            assertThat(ledger.get(SITE + "/visitors/alice/consent").status()).isEqualTo(200);
        }
    }
}
