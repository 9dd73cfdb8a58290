package org.consentledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The schema is this module's: its migrations build, on an empty database, every table the ledger writes. */
class SchemaTest {

    @Test
    void theMigrationsBuildTheLedgersTablesOnAnEmptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:schema-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");

        MigrateResult result = Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(13);
        List<String> tables = JdbcClient.create(h2)
                .sql("select lower(table_name) from information_schema.tables where table_schema = 'PUBLIC'")
                .query(String.class).list();
        assertThat(tables).contains("domain_event_entry", "token_entry", "consent_history", "policy_catalog",
                "merkle_leaf", "merkle_node", "read_model_position");
    }
}
