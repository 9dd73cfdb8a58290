package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.ledger.store.StreamPositions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Someone with the database password alters the ledger behind its back. Each alteration is made directly in the
 * event store's table, and the audit must find it, naming the event; undone, the ledger checks out again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceTamperIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com/visitors/";

    @TempDir
    static Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);
    LedgerInstance ledger;
    JdbcClient db;

    @BeforeAll
    void recordSomeHistoryAndCheckpointIt() {
        ledger = LedgerInstance.start(data, clock);
        db = ledger.bean(JdbcClient.class);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(5));
            String visitor = "v" + (i % 3);
            assertThat(ledger.post(SITE + visitor + "/consents", """
                    {"consentId": "c%d", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": ["third-party"]}
                    """.formatted(i, clock.instant())).status()).isEqualTo(201);
        }
        ledger.awaitEvidenceLogCaughtUp();
        StreamPositions positions = ledger.bean(StreamPositions.class);
        JsonNode checkpoint = ledger.get("/api/v1/audit/checkpoints/latest").json();
        assertThat(checkpoint.get("treeSize").asLong()).isEqualTo(14);
        // From here the log stands still, so that an inserted event is judged by what was logged before it.
        positions.processor(MerkleLog.NAME).shutDown();
        assertIntact();
    }

    @AfterAll
    void stop() {
        ledger.close();
    }

    @AfterEach
    void undoneTheLedgerChecksOutAgain() {
        assertIntact();
    }

    @Test
    void aChangedPayloadFieldIsFound() {
        Row row = row("v1", 2);
        replacePayload(row, new String(row.payload, StandardCharsets.UTF_8).replace("third-party", "first-party"));
        try {
            assertFound(row.eventId, "does not match its hash");
        } finally {
            replacePayload(row, new String(row.payload, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aChangedRecordedAtIsFound() {
        Row row = row("v0", 1);
        String original = new String(row.payload, StandardCharsets.UTF_8);
        String recordedAt = ledger.get(SITE + "v0/events").json().get("events").get(1).get("recordedAt").asString();
        replacePayload(row, original.replace(recordedAt, Instant.parse(recordedAt).minusSeconds(3600).toString()));
        try {
            assertFound(row.eventId, "does not match its hash");
        } finally {
            replacePayload(row, original);
        }
    }

    @Test
    void aDeletedEventIsFoundEvenAtTheEndOfItsStream() {
        for (long sequence : List.of(1L, 3L)) {
            Row row = row("v2", sequence);
            db.sql("delete from domain_event_entry where global_index = :g").param("g", row.globalIndex).update();
            try {
                // Named as the log's leaf that the store no longer matches, whichever wording applies.
                assertFound(row.eventId, "leaf");
            } finally {
                insert(row);
            }
        }
    }

    @Test
    void twoSwappedEventsAreFound() {
        Row first = row("v0", 0);
        Row second = row("v0", 1);
        setContent(first, second);
        setContent(second, first);
        try {
            assertFound(first.eventId, "");
        } finally {
            setContent(first, first);
            setContent(second, second);
        }
    }

    @Test
    void aForgedEventIsFound() {
        Row model = row("v1", 3);
        Row forged = new Row(nextGlobalIndex(), "forged-" + model.eventId, model.stream, 4, model.type,
                new String(model.payload, StandardCharsets.UTF_8).replace("third-party", "first-party")
                        .getBytes(StandardCharsets.UTF_8), model.metaData, model.timeStamp);
        insert(forged);
        try {
            assertFound(forged.eventId, "as the hash before it");
        } finally {
            db.sql("delete from domain_event_entry where global_index = :g").param("g", forged.globalIndex).update();
        }
    }

    @Test
    void aChangedRowOfTheConsentHistoryIsFoundNamingItsStream() {
        Row row = row("v1", 3);
        db.sql("update consent_history set granted = 'statistics,third-party', denied = '' where event_id = :id")
                .param("id", row.eventId).update();
        try {
            assertThat(ledger.get(SITE + "v1/consent").json().toString()).as("the answer the insider wanted")
                    .contains("{\"id\":\"third-party\",\"status\":\"GRANTED\"");
            assertFound(row.eventId, "consent history");
            JsonNode report = ledger.post("/api/v1/audit/verify", "").json();
            assertThat(report.get("problem").get("stream").asString()).isEqualTo(stream("v1"));
        } finally {
            db.sql("update consent_history set granted = 'statistics', denied = 'third-party' where event_id = :id")
                    .param("id", row.eventId).update();
        }
    }

    @Test
    void aChangedCommitmentIsFound() {
        Row row = row("v2", 1);
        String original = new String(row.payload, StandardCharsets.UTF_8);
        String commitment = original.replaceAll(".*\"commitment\":\"([0-9a-f]{64})\".*", "$1");
        assertThat(commitment).hasSize(64);
        replacePayload(row, original.replace(commitment, "0".repeat(64)));
        try {
            assertFound(row.eventId, "does not match its hash");
        } finally {
            replacePayload(row, original);
        }
    }

    @Test
    void aSealedPartMovedToAnotherEventIsFound() {
        Row first = row("v0", 0);
        Row second = row("v0", 1);
        String sealedFirst = sealed(first);
        replacePayload(second, new String(second.payload, StandardCharsets.UTF_8).replace(sealed(second), sealedFirst));
        try {
            // The hash covers the commitment, not the sealed bytes: those are checked by opening them.
            assertFound(second.eventId, "personal part");
        } finally {
            replacePayload(second, new String(second.payload, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aDataKeyDeletedWithoutAnErasureIsFoundNamingItsStream() {
        String stream = stream("v1");
        Map<String, Object> key = db.sql("select * from visitor_data_key where stream_id = :s").param("s", stream)
                .query().singleRow();
        db.sql("delete from visitor_data_key where stream_id = :s").param("s", stream).update();
        try {
            assertFound(row("v1", 0).eventId, "no data key");
            JsonNode report = ledger.post("/api/v1/audit/verify", "").json();
            assertThat(report.get("problem").get("stream").asString()).isEqualTo(stream);
        } finally {
            db.sql("""
                            insert into visitor_data_key (stream_id, kek_name, wrapped_key, created_at)
                            values (:stream_id, :kek_name, :wrapped_key, :created_at)
                            """)
                    .params(lowerCaseKeys(key)).update();
        }
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new java.util.HashMap<>();
        row.forEach((column, value) -> lower.put(column.toLowerCase(java.util.Locale.ROOT), value));
        return lower;
    }

    private static String sealed(Row row) {
        return new String(row.payload, StandardCharsets.UTF_8).replaceAll(".*\"sealed\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void aChangedPolicyInTheCatalogIsFoundNamingItsSite() {
        String eventId = db.sql("select event_id from policy_catalog where site_id = 'smartbump.opendatasoft.com'"
                + " and version = 1").query(String.class).single();
        String document = db.sql("select document from policy_catalog where event_id = :id").param("id", eventId)
                .query(String.class).single();
        assertThat(document).contains("\"consentRequired\":true");
        db.sql("update policy_catalog set document = :doc where event_id = :id")
                .param("doc", document.replace("\"consentRequired\":true", "\"consentRequired\":false"))
                .param("id", eventId).update();
        try {
            assertFound(eventId, "policy catalog");
            JsonNode report = ledger.post("/api/v1/audit/verify", "").json();
            assertThat(report.get("problem").get("stream").asString()).isEqualTo("smartbump.opendatasoft.com");
        } finally {
            db.sql("update policy_catalog set document = :doc where event_id = :id")
                    .param("doc", document).param("id", eventId).update();
        }
    }

    @Test
    void aPolicyVersionAddedToTheCatalogIsFound() {
        db.sql("insert into policy_catalog (site_id, version, effective_from, recorded_at, event_id, document)"
                + " select site_id, 7, effective_from, recorded_at, 'forged-policy', document from policy_catalog"
                + " where site_id = 'smartbump.opendatasoft.com' and version = 1").update();
        try {
            assertFound("forged-policy", "not in the store");
        } finally {
            db.sql("delete from policy_catalog where event_id = 'forged-policy'").update();
        }
    }

    @Test
    void aRowAddedToTheConsentHistoryIsFound() {
        Row row = row("v2", 0);
        db.sql("insert into consent_history (event_id, site_id, visitor_id, sequence_number, kind, policy_version,"
                        + " occurred_at, recorded_at, granted, denied, withdrawn)"
                        + " select 'forged-1', site_id, visitor_id, 99, kind, policy_version, occurred_at, recorded_at,"
                        + " 'third-party', '', '' from consent_history where event_id = :id")
                .param("id", row.eventId).update();
        try {
            assertFound("forged-1", "not in the store");
        } finally {
            db.sql("delete from consent_history where event_id = 'forged-1'").update();
        }
    }

    private void assertFound(String eventId, String why) {
        JsonNode report = ledger.post("/api/v1/audit/verify", "").json();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("problem").get("description").asString()).as(report.toString())
                .contains(eventId).contains(why);
    }

    private void assertIntact() {
        JsonNode report = ledger.post("/api/v1/audit/verify", "").json();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("eventsChecked").asLong()).isEqualTo(14);
        assertThat(report.get("checkpointsChecked").asLong()).isGreaterThanOrEqualTo(1);
    }

    // --- the event store's rows, as an insider would handle them ---

    record Row(long globalIndex, String eventId, String stream, long sequence, String type, byte[] payload,
               byte[] metaData, String timeStamp) {
    }

    private Row row(String visitor, long sequence) {
        return db.sql("""
                        select global_index, event_identifier, aggregate_identifier, sequence_number, payload_type,
                               payload, meta_data, time_stamp
                          from domain_event_entry where aggregate_identifier = :stream and sequence_number = :seq
                        """)
                .param("stream", stream(visitor))
                .param("seq", sequence)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getBytes(6), rs.getBytes(7), rs.getString(8)))
                .single();
    }

    private String stream(String visitor) {
        return ledger.bean(VisitorStreams.class).current("smartbump.opendatasoft.com", visitor);
    }

    private void replacePayload(Row row, String payload) {
        db.sql("update domain_event_entry set payload = :p where global_index = :g")
                .param("p", payload.getBytes(StandardCharsets.UTF_8)).param("g", row.globalIndex).update();
    }

    /** Gives the row at {@code place} the payload and metadata {@code content} was read with. */
    private void setContent(Row place, Row content) {
        db.sql("update domain_event_entry set payload = :p, meta_data = :m where global_index = :g")
                .param("p", content.payload).param("m", content.metaData).param("g", place.globalIndex).update();
    }

    private long nextGlobalIndex() {
        return db.sql("select max(global_index) + 1 from domain_event_entry").query(Long.class).single();
    }

    private void insert(Row row) {
        db.sql("""
                        insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,
                               sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (:g, :id, :stream, :seq, 'VisitorConsent', :ts, :type, null, :payload, :meta)
                        """)
                .param("g", row.globalIndex).param("id", row.eventId).param("stream", row.stream)
                .param("seq", row.sequence).param("ts", row.timeStamp).param("type", row.type)
                .param("payload", row.payload).param("meta", row.metaData)
                .update();
    }

}
