package org.consentledger.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class SiteEventRowsTest {

    JdbcClient jdbc;
    SiteEventRows rows;

    @BeforeEach
    void schema() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:site-events-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(h2);
        rows = new SiteEventRows(jdbc);
    }

    @Test
    void aSitesPagesHoldItsOwnStreamAndItsVisitorsStreamsAndNoOtherSites() {
        assertThat(rows.head()).isZero();
        // '_' and '.' in a site id are characters, not patterns: shop_a.example is not shopXa.example.
        insert(1, "shop_a.example", 0);
        insert(2, "shopXa.example/p-1", 0);
        insert(3, "shop_a.example/p-1", 0);
        insert(4, "shop_a.example.other", 0);
        insert(5, "shop_a.example/p-2/format-1", 0);
        insert(6, "shop_a.example/p-1", 1);
        insert(7, "shop_a.example", 1);

        assertThat(indexes(rows.page("shop_a.example", 0, 7, 2))).containsExactly(1L, 3L);
        assertThat(indexes(rows.page("shop_a.example", 3, 7, 2))).containsExactly(5L, 6L);
        assertThat(indexes(rows.page("shop_a.example", 6, 7, 2))).containsExactly(7L);
        assertThat(indexes(rows.page("shop_a.example", 0, 5, 10))).as("not past the head the export began at")
                .containsExactly(1L, 3L, 5L);
        assertThat(rows.head()).isEqualTo(7);

        SiteEventRows.Row row = rows.page("shop_a.example", 2, 7, 1).get(0);
        assertThat(row.eventId()).isEqualTo("e-3");
        assertThat(row.stream()).isEqualTo("shop_a.example/p-1");
        assertThat(row.type()).isEqualTo("consent.given");
        assertThat(row.timeStamp()).isEqualTo("2026-12-07T10:00:03Z");
        assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":3}");
        assertThat(indexes(rows.stream("shop_a.example/p-1"))).containsExactly(3L, 6L);
    }

    private void insert(long index, String stream, long sequence) {
        jdbc.sql("""
                        insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,
                            sequence_number, type, time_stamp, payload_type, payload, meta_data)
                        values (?, ?, ?, ?, 'Stream', ?, 'consent.given', ?, ?)""")
                .params(index, "e-" + index, stream, sequence, "2026-12-07T10:00:0" + index + "Z",
                        ("{\"n\":" + index + "}").getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private static List<Long> indexes(List<SiteEventRows.Row> page) {
        return page.stream().map(SiteEventRows.Row::globalIndex).toList();
    }
}
