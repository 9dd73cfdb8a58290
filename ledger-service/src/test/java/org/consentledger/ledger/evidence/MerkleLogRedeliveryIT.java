package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.ledger.store.StreamPositions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Merkle log's processor delivers at least once: an instance that dies after writing leaves but before storing
 * its token hands the next one a token that lags the log. Events delivered again, followed by new ones, keep their
 * one leaf each, and the log still holds every event in the store's order.
 */
class MerkleLogRedeliveryIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com/visitors/";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    record Entry(long globalIndex, String eventId) {
    }

    @Test
    void eventsDeliveredAgainKeepTheirOneLeaf() {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            JdbcClient db = ledger.bean(JdbcClient.class);
            give(ledger, 0, 6);
            ledger.awaitEvidenceLogCaughtUp();
            StreamingEventProcessor processor = ledger.bean(StreamPositions.class).processor(MerkleLog.NAME);
            processor.shutDown();
            give(ledger, 6, 4);

            // The token falls back to just after the fourth event: the rest of the logged ones come again.
            List<Entry> stored = db.sql("select global_index, event_identifier from domain_event_entry order by global_index")
                    .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2))).list();
            long rewoundTo = stored.get(3).globalIndex();
            assertThat(db.sql("select count(*) from merkle_leaf where global_index > ?").param(rewoundTo)
                    .query(Long.class).single()).as("logged events the processor will deliver again").isGreaterThan(2);
            ledger.bean(TransactionManager.class).executeInTransaction(() -> ledger.bean(TokenStore.class)
                    .storeToken(GapAwareTrackingToken.newInstance(rewoundTo, List.of()), MerkleLog.NAME, 0));
            processor.start();
            ledger.awaitEvidenceLogCaughtUp();

            List<Entry> logged = db.sql("select global_index, event_id from merkle_leaf order by leaf_index")
                    .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2))).list();
            assertThat(logged).as("one leaf per stored event, in the store's order").isEqualTo(stored);
            assertThat(db.sql("select max(leaf_index) from merkle_leaf").query(Long.class).single())
                    .as("leaves numbered without gaps").isEqualTo(stored.size() - 1L);
            JsonNode report = ledger.post("/api/v1/audit/verify", "").json();
            assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.get("eventsChecked").asLong()).isEqualTo(stored.size());
        }
    }

    private void give(LedgerInstance ledger, int from, int count) {
        for (int i = from; i < from + count; i++) {
            clock.advance(Duration.ofSeconds(5));
            assertThat(ledger.post(SITE + "v" + (i % 3) + "/consents", """
                    {"consentId": "c%d", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": ["third-party"]}
                    """.formatted(i, clock.instant())).status()).isEqualTo(201);
        }
    }
}
