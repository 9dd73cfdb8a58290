package org.consentledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

    @Test
    void namesAnotherDatabaseOnTheSameServer() {
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/?user=postgres", "b1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/b1?user=postgres");
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://db:5432/postgres", "b1"))
                .isEqualTo("jdbc:postgresql://db:5432/b1");
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://db", "b1")).isEqualTo("jdbc:postgresql://db/b1");
    }

    @Test
    void readsUrlParameters() {
        String url = "jdbc:postgresql://h/?user=bench&password=p%40ss";
        assertThat(PostgresDatabase.parameter(url, "user", "postgres")).isEqualTo("bench");
        assertThat(PostgresDatabase.parameter(url, "password", "")).isEqualTo("p@ss");
        assertThat(PostgresDatabase.parameter("jdbc:postgresql://h/", "user", "postgres")).isEqualTo("postgres");
    }
}
