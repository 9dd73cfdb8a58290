package org.consentledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void anH2DatabaseIsToldApart() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:database-" + System.nanoTime());

        assertThat(Database.of(h2)).isEqualTo(Database.H2);
    }
}
