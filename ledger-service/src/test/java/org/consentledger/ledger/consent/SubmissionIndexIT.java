package org.consentledger.ledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A visitor who comes back after the ledger has forgotten them (one cached visitor here) is decided from the store's
 * submission index: a resubmitted id is still answered with its original receipt, a reused id with other content is
 * still refused, and a visitor whose events were stored before the index existed is read from those events.
 */
class SubmissionIndexIT {

    static final String SITE = "/api/v1/sites/juleslesmart.opendatasoft.com";

    @TempDir
    Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);

    @Test
    void aReturningVisitorsEarlierIdsAreKnownFromTheIndex() {
        try (LedgerInstance ledger = started()) {
            LedgerInstance.Response first = give(ledger, "ann", "c-1", "statistics");
            LedgerInstance.Response withdrawn = withdraw(ledger, "ann", "w-1");
            give(ledger, "bob", "c-1", "statistics"); // Ann leaves the cache

            assertThat(keys(ledger, "ann")).containsExactly(key(ledger, "ann", "consent", "c-1"),
                    key(ledger, "ann", "withdrawal", "w-1"));
            assertReplayOf(give(ledger, "ann", "c-1", "statistics"), first);
            assertReplayOf(withdraw(ledger, "ann", "w-1"), withdrawn);
            LedgerInstance.Response reused = give(ledger, "ann", "c-1", "third-party");
            assertThat(reused.status()).isEqualTo(409);
            assertThat(reused.json().get("field").asString()).isEqualTo("consentId");
            // The same text as a withdrawal id is another submission.
            assertThat(withdraw(ledger, "ann", "c-1").status()).isEqualTo(201);
            assertThat(keys(ledger, "ann")).containsExactly(key(ledger, "ann", "consent", "c-1"),
                    key(ledger, "ann", "withdrawal", "w-1"), key(ledger, "ann", "withdrawal", "c-1"))
                    .allMatch(key -> !key.contains("c-1") && !key.contains("w-1"));
            // The index column holds the key, and nothing else stores it a second time.
            assertThat(new JdbcTemplate(ledger.bean(DataSource.class)).queryForList(
                    "select meta_data from domain_event_entry where aggregate_identifier = ?", byte[].class,
                    stream(ledger, "ann"))).hasSize(3).allSatisfy(metaData -> assertThat(
                    new String(metaData, java.nio.charset.StandardCharsets.UTF_8)).contains("\"hash\"")
                    .doesNotContain("submissionKey"));
        }
    }

    @Test
    void theIndexAloneAnswersWhichIdsAStreamHolds() {
        try (LedgerInstance ledger = started()) {
            JdbcTemplate jdbc = new JdbcTemplate(ledger.bean(DataSource.class));
            String database = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
            // PostgreSQL plans by table size and scans a table this small; H2 plans by the indexes alone.
            assumeTrue("H2".equals(database), "the plan is checked on H2 only");
            // The query SubmissionIndex makes.
            String plan = jdbc.queryForObject("explain select aggregate_identifier, sequence_number, "
                    + "submission_key from domain_event_entry where aggregate_identifier in ('a', 'b') "
                    + "order by aggregate_identifier, sequence_number", String.class);
            assertThat(plan).containsIgnoringCase("domain_event_entry_submissions");
        }
    }

    private LedgerInstance started() {
        LedgerInstance ledger = LedgerInstance.start(data, clock, Map.of("ledger.consent.cached-visitors", 1));
        clock.set(start.plus(Duration.ofMinutes(10))); // the seed policy took effect at the first start
        return ledger;
    }

    private LedgerInstance.Response give(LedgerInstance ledger, String visitor, String consentId, String granted) {
        return ledger.post(SITE + "/visitors/" + visitor + "/consents", """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["%s"], "denied": []}
                """.formatted(consentId, start.plus(Duration.ofMinutes(1)), granted));
    }

    private LedgerInstance.Response withdraw(LedgerInstance ledger, String visitor, String withdrawalId) {
        return ledger.post(SITE + "/visitors/" + visitor + "/withdrawals", """
                {"withdrawalId": "%s", "occurredAt": "%s", "categories": ["statistics"]}
                """.formatted(withdrawalId, start.plus(Duration.ofMinutes(2))));
    }

    private static void assertReplayOf(LedgerInstance.Response again, LedgerInstance.Response original) {
        assertThat(again.status()).isEqualTo(200);
        JsonNode receipt = again.json();
        assertThat(receipt.get("replayed").asBoolean()).isTrue();
        assertThat(receipt.get("eventId")).isEqualTo(original.json().get("eventId"));
        assertThat(receipt.get("recordedAt")).isEqualTo(original.json().get("recordedAt"));
    }

    private static List<String> keys(LedgerInstance ledger, String visitor) {
        return new JdbcTemplate(ledger.bean(DataSource.class)).queryForList(
                "select submission_key from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                String.class, stream(ledger, visitor));
    }

    private static String stream(LedgerInstance ledger, String visitor) {
        return ledger.bean(VisitorStreams.class).current("juleslesmart.opendatasoft.com", visitor);
    }

    /** The keyed hash a client's id is indexed under: the id itself is never stored. */
    private static String key(LedgerInstance ledger, String visitor, String kind, String clientId) {
        return ledger.bean(VisitorPseudonyms.class).submission(stream(ledger, visitor), kind, clientId);
    }
}
