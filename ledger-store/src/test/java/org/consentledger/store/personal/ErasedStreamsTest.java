package org.consentledger.store.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.consentledger.store.personal.ErasedStreams.Erased;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

class ErasedStreamsTest {

    ErasedStreams erased;

    @BeforeEach
    void schema() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:erased-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        erased = new ErasedStreams(JdbcClient.create(h2));
    }

    @Test
    void anErasureIsReadBackAsRecordedAndAStreamIsErasedOnce() {
        Erased first = new Erased("s/a", "s", "e-1", "art17-request", Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-07T10:00:00.123456Z"));
        erased.record(first);
        erased.record(new Erased("s/b", "s", "e-2", "retention", null, Instant.parse("2026-12-07T11:00:00Z")));

        assertThat(erased.of(List.of("s/a", "s/c"))).containsOnlyKeys("s/a").containsValue(first);
        assertThat(erased.of(List.of("s/b")).get("s/b").requestedAt()).isNull();
        assertThat(erased.count()).isEqualTo(2);
        assertThatThrownBy(() -> erased.record(first)).isInstanceOf(DuplicateKeyException.class);
    }
}
