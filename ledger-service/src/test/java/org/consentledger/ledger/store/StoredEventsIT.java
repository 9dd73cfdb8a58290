package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the ledger reads back from its store is what it wrote: each event's time, the command it came from, and,
 * for the processors that follow the store, a position that still waits for an index another transaction holds.
 */
class StoredEventsIT {

    static final String SITE = "juleslesmart.opendatasoft.com";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void eventsReadBackKeepTheirTimeTheirOriginAndTheIndexesNotYetCommitted() throws Exception {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            String first = give(ledger, "c1");
            long held;
            try (Connection otherWriter = ledger.bean(DataSource.class).getConnection()) {
                // An index taken by a transaction that has not committed (a writer on another instance, a batch that
                // will roll back): followers must keep waiting for it rather than skip it.
                otherWriter.setAutoCommit(false);
                held = nextIndex(otherWriter);
                String second = give(ledger, "c2");

                EventStore store = ledger.bean(EventStore.class);
                Map<String, TrackedEventMessage<?>> tracked = readUntil(store, null, second);
                assertThat(((GapAwareTrackingToken) tracked.get(second).trackingToken()).getGaps()).contains(held);

                Map<String, Instant> stored = storedTimes(ledger);
                List<? extends EventMessage<?>> stream = store
                        .readEvents(ledger.bean(VisitorStreams.class).current(SITE, "v1")).asStream().toList();
                assertThat(stream).extracting(EventMessage::getIdentifier).containsExactly(first, second);
                for (EventMessage<?> event : stream) {
                    assertThat(event.getTimestamp()).isEqualTo(stored.get(event.getIdentifier()))
                            .isEqualTo(tracked.get(event.getIdentifier()).getTimestamp());
                    // The command each event came from, recorded with it as Axon records it.
                    assertThat(event.getMetaData()).containsKeys("correlationId", "traceId");
                    assertThat(tracked.get(event.getIdentifier()).getMetaData()).isEqualTo(event.getMetaData());
                }

                // Reading on from a position that still waits for the held index finds what came after it.
                String third = give(ledger, "c3");
                Map<String, TrackedEventMessage<?>> after = readUntil(store, tracked.get(second).trackingToken(), third);
                assertThat(after).containsOnlyKeys(third);
                assertThat(((GapAwareTrackingToken) after.get(third).trackingToken()).getGaps()).contains(held);
                otherWriter.rollback();
            }
        }
    }

    private String give(LedgerInstance ledger, String consentId) {
        clock.advance(Duration.ofMillis(1_234));
        var receipt = ledger.post("/api/v1/sites/" + SITE + "/visitors/v1/consents", """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                """.formatted(consentId, clock.instant()));
        assertThat(receipt.status()).isEqualTo(201);
        return receipt.json().get("eventId").asString();
    }

    private static long nextIndex(Connection connection) throws Exception {
        boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (ResultSet next = connection.createStatement().executeQuery(postgres
                ? "select nextval('domain_event_entry_seq')" : "values next value for domain_event_entry_seq")) {
            next.next();
            return next.getLong(1);
        }
    }

    private static Map<String, TrackedEventMessage<?>> readUntil(EventStore store, TrackingToken from, String eventId)
            throws Exception {
        Map<String, TrackedEventMessage<?>> read = new HashMap<>();
        try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(from)) {
            while (!read.containsKey(eventId)) {
                assertThat(events.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
                TrackedEventMessage<?> event = events.nextAvailable();
                read.put(event.getIdentifier(), event);
            }
        }
        return read;
    }

    /** Every event's time as stored, read with Axon's own parser. */
    private static Map<String, Instant> storedTimes(LedgerInstance ledger) {
        Map<String, Instant> times = new HashMap<>();
        new JdbcTemplate(ledger.bean(DataSource.class)).query(
                "select event_identifier, time_stamp from domain_event_entry",
                row -> {
                    times.put(row.getString(1), DateTimeUtils.parseInstant(row.getString(2)));
                });
        return times;
    }
}
