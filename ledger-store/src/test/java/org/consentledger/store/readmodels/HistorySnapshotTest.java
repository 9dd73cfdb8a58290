package org.consentledger.store.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.consentledger.verifier.Decision;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When an answer may trust the read models without asking the event store about the visitor's stream: only when
 * both stood at the store's newest event and no replay emptied them while the visitor's rows were read. Run here,
 * on the ledger's own schema.
 */
class HistorySnapshotTest {

    static final String SITE = "shop.example.org";

    @TempDir
    Path data;

    JdbcClient jdbc;
    final AtomicInteger rowReads = new AtomicInteger();
    final List<Decision> rows = List.of(new Decision("e-1", 0, Decision.Kind.GIVEN, 1, Instant.EPOCH, Instant.EPOCH,
            List.of("statistics"), List.of(), List.of()));

    @BeforeEach
    void ledgerWithThreeEvents() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + data.resolve("ledger"));
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(database);
        for (int index = 1; index <= 3; index++) {
            jdbc.sql("""
                            insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,
                                   sequence_number, time_stamp, payload_type, payload)
                            values (:index, :id, 'stream', :sequence, '2026-11-29T00:00:00Z', 'Event', :payload)
                            """)
                    .param("index", index).param("id", "e-" + index).param("sequence", index - 1)
                    .param("payload", "{}".getBytes(StandardCharsets.UTF_8))
                    .update();
        }
        jdbc.sql("""
                        insert into policy_catalog (site_id, version, effective_from, recorded_at, event_id, document)
                        values (:site, 1, current_timestamp, current_timestamp, 'p-1', '{}')
                        """)
                .param("site", SITE).update();
        segments(1);
    }

    @Test
    void readModelsAtTheNewestEventAreWhole() {
        standAt(3, 3);

        HistorySnapshot snapshot = HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", visitorRows());

        assertThat(snapshot.whole()).isTrue();
        assertThat(snapshot.versions()).isEqualTo(1);
        assertThat(snapshot.history()).isEqualTo(rows);
    }

    @Test
    void aReadModelBehindTheStoreIsNotWholeAndItsRowsAreNotRead() {
        standAt(3, 2);

        assertThat(HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", visitorRows()).whole()).isFalse();
        assertThat(rowReads).hasValue(0);
    }

    @Test
    void aReplayThatResetsTheHistoryWhileItsRowsAreReadMakesTheSnapshotNotWhole() {
        standAt(3, 3);

        HistorySnapshot snapshot = HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", () -> {
            // The replay's reset commits between the positions and the rows: the rows read may be half rebuilt.
            jdbc.sql("""
                    update read_model_position set position = -1, generation = generation + 1
                     where read_model = 'consent-history'
                    """).update();
            standAt(3, 3); // and the rebuild even catches up before the generations are read again
            return rows;
        });

        assertThat(snapshot.whole()).isFalse();
    }

    @Test
    void aHistoryBeingRebuiltWithoutItsVisitorIndexIsNotReadAtAll() {
        standAt(3, 3);
        jdbc.sql("update read_model_position set rebuild_until = 3 where read_model = 'consent-history'").update();

        HistorySnapshot snapshot = HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", visitorRows());

        assertThat(snapshot.rebuilding()).isTrue();
        assertThat(snapshot.whole()).isFalse();
        assertThat(rowReads).hasValue(0);
    }

    @Test
    void aParkedStreamOfTheAnswerIsNamedAndItsRowsAreNotRead() {
        standAt(3, 3);
        park("elsewhere.example.org/visitor");

        assertThat(HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", visitorRows()).whole()).isTrue();

        park(SITE + "/visitor");
        rowReads.set(0);
        HistorySnapshot snapshot = HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", visitorRows());

        assertThat(snapshot.whole()).isFalse();
        assertThat(snapshot.parkedStream()).isEqualTo(SITE + "/visitor");
        assertThat(rowReads).hasValue(0);
    }

    @Test
    void aParkedPolicyStreamOfTheSiteIsNamed() {
        standAt(3, 3);
        park(SITE);

        assertThat(HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", visitorRows()).parkedStream()).isEqualTo(SITE);
    }

    @Test
    void positionsSayNothingWhenTheProcessorRunsInSeveralSegments() {
        standAt(3, 3);
        segments(2);

        assertThat(HistorySnapshot.read(jdbc, SITE, SITE + "/visitor", visitorRows()).whole()).isFalse();
    }

    private Supplier<List<Decision>> visitorRows() {
        return () -> {
            rowReads.incrementAndGet();
            return rows;
        };
    }

    private void standAt(long catalog, long history) {
        jdbc.sql("update read_model_position set position = :p where read_model = 'policy-catalog'")
                .param("p", catalog).update();
        jdbc.sql("update read_model_position set position = :p where read_model = 'consent-history'")
                .param("p", history).update();
    }

    private void park(String stream) {
        jdbc.sql("""
                        insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier,
                               sequence_index, message_type, event_identifier, time_stamp, payload_type, payload,
                               enqueued_at)
                        values (:id, 'read-models', :stream, 0, 'DomainEventMessage', 'e-2', '2026-11-29T00:00:00Z',
                                'Event', X'7B7D', current_timestamp)
                        """)
                .param("id", "letter-" + stream).param("stream", stream).update();
    }

    private void segments(int count) {
        jdbc.sql("delete from token_entry where processor_name = 'read-models'").update();
        for (int segment = 0; segment < count; segment++) {
            jdbc.sql("""
                            insert into token_entry (processor_name, segment, timestamp)
                            values ('read-models', :segment, '2026-11-29T00:00:00Z')
                            """)
                    .param("segment", segment).update();
        }
    }
}
