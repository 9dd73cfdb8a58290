package org.consentledger.ledger.erasure;

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
import tools.jackson.databind.JsonNode;

/**
 * Storage limitation: a visitor not seen for longer than the site keeps consent records is erased by the ledger
 * itself, as an erasure with reason {@code retention}; a site's policy may keep them for less than the ledger's
 * setting.
 */
class RetentionIT {

    static final String SHOP = "/api/v1/sites/smartbump.opendatasoft.com";
    static final String BLOG = "/api/v1/sites/juleslesmart.opendatasoft.com";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void visitorsNotSeenForLongerThanTheRetentionAreErasedAndNoOneElse() {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, Map.of(
                "ledger.retention.erase-after", "P30D", "ledger.retention.check-every", "PT24H"))) {
            clock.advance(Duration.ofMinutes(1));
            consent(ledger, SHOP, "old-1");
            consent(ledger, SHOP, "old-2");
            consent(ledger, BLOG, "blog-1");
            assertThat(ledger.put(BLOG + "/policies/2", """
                    {"effectiveFrom": "%s", "retention": "P10D",
                     "categories": [{"id": "necessary", "name": "Necessary", "consentRequired": false},
                                    {"id": "statistics", "name": "Statistics", "consentRequired": true}],
                     "cookies": []}""".formatted(clock.instant())).status()).isEqualTo(201);
            clock.advance(Duration.ofDays(20));
            consent(ledger, SHOP, "recent-1");
            clock.advance(Duration.ofDays(15));
            ledger.awaitEvidenceLogCaughtUp();

            RetentionJob retention = ledger.bean(RetentionJob.class);
            assertThat(retention.eraseExpired("smartbump.opendatasoft.com")).isEqualTo(2);
            assertThat(retention.eraseExpired("juleslesmart.opendatasoft.com")).as("the policy's own 10 days")
                    .isEqualTo(1);

            for (String erased : new String[] {SHOP + "/visitors/old-1", SHOP + "/visitors/old-2", BLOG + "/visitors/blog-1"}) {
                JsonNode answer = ledger.get(erased + "/consent").json();
                assertThat(answer.get("erased").get("reason").asString()).as(erased).isEqualTo("retention");
                assertThat(ledger.get(erased + "/events").json().get("events").get(0).get("personal").asString())
                        .isEqualTo("erased");
            }
            assertThat(ledger.get(SHOP + "/visitors/recent-1/consent").json().has("erased")).isFalse();
            assertThat(retention.eraseExpired("smartbump.opendatasoft.com")).as("nothing is erased twice").isZero();
            JsonNode audit = ledger.post("/api/v1/audit/verify", "").json();
            assertThat(audit.get("intact").asBoolean()).as(audit.toString()).isTrue();
            assertThat(audit.get("erasedEvents").asLong()).isEqualTo(6);
        }
    }

    private void consent(LedgerInstance ledger, String site, String visitor) {
        var response = ledger.post(site + "/visitors/" + visitor + "/consents", """
                {"consentId": "c-%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                """.formatted(visitor, clock.instant()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }
}
