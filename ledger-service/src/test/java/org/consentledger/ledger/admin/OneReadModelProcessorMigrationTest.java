package org.consentledger.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ledger upgraded to one processor for its read models goes on from where the slower of its two processors was,
 * instead of reading the whole store again or skipping what the slower one had not handled yet.
 */
class OneReadModelProcessorMigrationTest {

    @TempDir
    Path data;

    JdbcDataSource database;
    JdbcClient jdbc;

    @BeforeEach
    void openDatabase() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + data.resolve("ledger"));
        jdbc = JdbcClient.create(database);
    }

    @Test
    void theReadModelsProcessorGoesOnFromTheReadModelFurthestBehind() {
        migrate("8");
        token("policy-catalog", "catalog at 120");
        token("consent-history", "history at 95");
        token("merkle-log", "merkle log at 130");
        position("policy-catalog", 120);
        position("consent-history", 95);

        migrate("9");

        assertThat(tokens()).containsExactlyInAnyOrder(
                "merkle-log: merkle log at 130 (owner node-1)",
                "read-models: history at 95 (owner null)");
    }

    @Test
    void aLedgerWhoseReadModelsHadNotStartedStartsItsProcessorAfresh() {
        migrate("9");

        assertThat(tokens()).isEmpty();
    }

    @Test
    void theUpgradeFromFormatOneRebuildsTheConsentHistoryFromTheFirstEvent() {
        migrate("14");
        token("read-models", "read models at 95");
        position("consent-history", 95);
        position("policy-catalog", 95);
        jdbc.sql("""
                        insert into consent_history (event_id, site_id, visitor_id, sequence_number, kind,
                               policy_version, occurred_at, recorded_at, granted, denied, withdrawn)
                        values ('e1', 'shop', 'alice', 0, 'GIVEN', 1, timestamp '2026-01-01 00:00:00',
                                timestamp '2026-01-01 00:00:00', 'statistics', '', '')
                        """).update();

        migrate("latest");

        assertThat(jdbc.sql("select count(*) from consent_history").query(Long.class).single())
                .as("rows keyed by a visitor id in clear").isZero();
        assertThat(jdbc.sql("select token from token_entry where processor_name = 'read-models'")
                .query((rs, row) -> rs.getBytes(1)).list()).as("taken again from the first event").containsOnlyNulls();
        assertThat(jdbc.sql("select position from read_model_position where read_model = 'consent-history'")
                .query(Long.class).single()).isEqualTo(-1);
        assertThat(jdbc.sql("select position from read_model_position where read_model = 'policy-catalog'")
                .query(Long.class).single()).as("the catalog keeps what it holds").isEqualTo(95);
        assertThat(jdbc.sql("select step from ledger_upgrade").query(String.class).list())
                .containsExactly("map-format-one-streams");
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load().migrate();
    }

    private void token(String processor, String token) {
        jdbc.sql("""
                        insert into token_entry (processor_name, segment, token, token_type, timestamp, owner)
                        values (:processor, 0, :token, 'GapAwareTrackingToken', '2026-11-29T00:00:00Z', 'node-1')
                        """)
                .param("processor", processor)
                .param("token", token.getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private void position(String readModel, long position) {
        jdbc.sql("update read_model_position set position = :position where read_model = :name")
                .param("position", position)
                .param("name", readModel)
                .update();
    }

    private List<String> tokens() {
        return jdbc.sql("select processor_name, token, owner from token_entry")
                .query((rs, row) -> "%s: %s (owner %s)".formatted(rs.getString("processor_name"),
                        new String(rs.getBytes("token"), StandardCharsets.UTF_8), rs.getString("owner")))
                .list();
    }
}
