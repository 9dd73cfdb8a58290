package org.consentledger.ledger.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's banner may record choices for its own site only, its auditor may read that site only, and only the
 * operator may rebuild read models or read metrics; a request without a known token is refused and records nothing.
 */
class AccessIT {

    static final String SITE = "/api/v1/sites/juleslesmart.opendatasoft.com";
    static final String OTHER_SITE = "/api/v1/sites/smartbump.opendatasoft.com";
    static final String BANNER = "banner-token-0123456789";
    static final String AUDITOR = "auditor-token-0123456789";
    static final String OPERATOR = "operator-token-0123456789";

    @TempDir
    Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);

    @Test
    void eachKeyDoesOnlyWhatItsRolesAllowForItsSites() {
        Map<String, Object> keys = new HashMap<>();
        keys.putAll(LedgerInstance.accessKey(0, "banner", BANNER, "ingest", "juleslesmart.opendatasoft.com"));
        keys.putAll(LedgerInstance.accessKey(1, "auditor", AUDITOR, "audit", "juleslesmart.opendatasoft.com"));
        keys.putAll(LedgerInstance.accessKey(2, "operator", OPERATOR, "admin", "*"));
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, keys)) {
            clock.set(start.plus(Duration.ofMinutes(10)));
            String consent = """
                    {"consentId":"c-1","policyVersion":1,"occurredAt":"%s","granted":["statistics"],"denied":[]}"""
                    .formatted(clock.instant());

            LedgerInstance.Response anonymous = ledger.send("POST", SITE + "/visitors/v1/consents", consent, null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
            assertThat(anonymous.json().get("field").asString()).isEqualTo("Authorization");
            assertThat(ledger.send("POST", SITE + "/visitors/v1/consents", consent, "guessed").status())
                    .isEqualTo(401);
            assertThat(ledger.send("GET", SITE + "/visitors/v1/events", null, AUDITOR).json().get("events"))
                    .as("a refused request records nothing").isEmpty();

            assertThat(ledger.send("POST", SITE + "/visitors/v1/consents", consent, BANNER).status()).isEqualTo(201);
            LedgerInstance.Response elsewhere = ledger.send("POST", OTHER_SITE + "/visitors/v1/consents", consent,
                    BANNER);
            assertThat(elsewhere.status()).isEqualTo(403);
            assertThat(elsewhere.json().get("field").asString()).isEqualTo("siteId");
            assertThat(ledger.send("GET", SITE + "/visitors/v1/consent", null, BANNER).status())
                    .as("a banner records; it does not read").isEqualTo(403);

            assertThat(ledger.send("GET", SITE + "/visitors/v1/consent", null, AUDITOR).status()).isEqualTo(200);
            assertThat(ledger.send("GET", OTHER_SITE + "/policies", null, AUDITOR).status()).isEqualTo(403);
            assertThat(ledger.send("GET", SITE + "/../smartbump.opendatasoft.com/policies", null, AUDITOR).status())
                    .as("a path naming the auditor's site that resolves to another").isEqualTo(403);
            assertThat(ledger.send("POST", SITE + "/visitors/v2/consents", consent, AUDITOR).status())
                    .isEqualTo(403);
            assertThat(ledger.send("GET", "/api/v1/audit/checkpoints/latest", null, AUDITOR).status())
                    .isIn(200, 404);
            assertThat(ledger.send("GET", "/api/v1/audit/checkpoints/latest", null, BANNER).status())
                    .isEqualTo(403);

            assertThat(ledger.send("GET", "/api/v1/admin/projections", null, AUDITOR).status()).isEqualTo(403);
            assertThat(ledger.send("GET", "/api/v1/admin/projections", null, OPERATOR).status()).isEqualTo(200);
            assertThat(ledger.send("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
            assertThat(ledger.send("GET", "/actuator/prometheus", null, OPERATOR).status()).isEqualTo(200);
            assertThat(ledger.send("GET", SITE + "/visitors/v1/consent", null, OPERATOR).status())
                    .as("running the ledger is not reading its records").isEqualTo(403);

            LedgerInstance.Response probe = ledger.send("GET", "/actuator/health/readiness", null, null);
            assertThat(probe.status()).isEqualTo(200);
            assertThat(ledger.send("GET", "/actuator/health", null, null).json().has("components"))
                    .as("a probe sees the status only").isFalse();
            assertThat(ledger.send("GET", "/actuator/health", null, OPERATOR).json().has("components")).isTrue();
            assertThat(ledger.send("GET", "/.well-known/consent-ledger/checkpoint-key.pem", null, null).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void withoutConfiguredKeysTheLedgerMakesOneTokenOnlyItsUserCanReadAndKeepsIt() throws Exception {
        Path tokenFile = data.resolve("keys/access-token");
        String token;
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            token = LedgerInstance.generatedToken(tokenFile);
            assertThat(token).hasSizeGreaterThanOrEqualTo(43);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(ledger.send("GET", "/api/v1/admin/projections", null, token).status()).isEqualTo(200);
        }
        try (LedgerInstance restarted = LedgerInstance.start(data, clock)) {
            assertThat(LedgerInstance.generatedToken(tokenFile)).isEqualTo(token);
            assertThat(restarted.send("GET", SITE + "/policies", null, token).status()).isEqualTo(200);
            assertThat(restarted.send("GET", SITE + "/policies", null, null).status()).isEqualTo(401);
        }
    }

}
