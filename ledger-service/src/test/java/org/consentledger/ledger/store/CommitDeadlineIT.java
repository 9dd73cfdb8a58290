package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.consentledger.ledger.LedgerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger that cannot commit a consent soon enough after stamping it records nothing and says so (503), so that
 * an answer already given as of an earlier instant never gains that event later; sent again in time, it is recorded
 * once.
 */
class CommitDeadlineIT {

    static final String VISITOR = "/api/v1/sites/juleslesmart.opendatasoft.com/visitors/late";

    @TempDir
    Path data;

    @Test
    void aConsentThatCannotCommitInTimeIsNotRecordedAndCanBeSentAgain() {
        // First start: the seed policies are published under the default deadline, in force from then on.
        LedgerInstance.start(data, Clock.systemUTC()).close();
        String consent = """
                {"consentId":"late-1","policyVersion":1,"occurredAt":"%s","granted":["statistics"],"denied":[]}"""
                .formatted(Instant.now().truncatedTo(ChronoUnit.MILLIS));

        // Every commit takes more than a microsecond after its stamp.
        try (LedgerInstance hurried = LedgerInstance.start(data, Clock.systemUTC(),
                Map.of("ledger.store.commit-deadline", "PT0.000001S"))) {
            LedgerInstance.Response refused = hurried.post(VISITOR + "/consents", consent);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.retryAfter()).isEqualTo("1");
            assertThat(hurried.get(VISITOR + "/events").json().get("events")).isEmpty();
        }

        try (LedgerInstance ledger = LedgerInstance.start(data, Clock.systemUTC())) {
            assertThat(ledger.post(VISITOR + "/consents", consent).status()).isEqualTo(201);
            assertThat(ledger.get(VISITOR + "/events").json().get("events")).hasSize(1);
            assertThat(ledger.post("/api/v1/audit/verify", "").json().get("intact").asBoolean()).isTrue();
        }
    }
}
