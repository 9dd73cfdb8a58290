package org.consentledger.store.readmodels;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Streams an event processor parked in its dead-letter queue (Axon's table {@code dead_letter_entry}). */
public class DeadLetters {

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A parked stream, with the reason its oldest parked event could not be handled. */
    public record Parked(String stream, String cause) {
    }

    /** The first of these streams that has an event parked by the processing group. */
    public Optional<Parked> firstAmong(String processingGroup, Collection<String> streams) {
        List<String> ids = List.copyOf(streams);
        return jdbc.sql("""
                        select sequence_identifier, cause_message from dead_letter_entry
                         where processing_group = ? and sequence_identifier in (%s)
                         order by sequence_index fetch first 1 rows only
                        """.formatted(String.join(", ", ids.stream().map(id -> "?").toList())))
                .param(processingGroup)
                .params(ids)
                .query((rs, row) -> new Parked(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** How many streams have events parked by the processing group, and how many events. */
    public record Counts(long streams, long events) {
    }

    public Counts counts(String processingGroup) {
        return jdbc.sql("""
                        select count(distinct sequence_identifier), count(*) from dead_letter_entry
                         where processing_group = ?
                        """)
                .param(processingGroup)
                .query((rs, row) -> new Counts(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /**
     * A parked stream and its first parked event.
     *
     * @param events    its events parked, the first and every one after it
     * @param causeType the class of the failure, as Axon recorded it
     */
    public record ParkedStream(String stream, long events, String eventId, String causeType, String causeMessage,
                               Instant parkedAt) {
    }

    /** The streams whose first event was parked longest ago, at most {@code limit}. */
    public List<ParkedStream> oldest(String processingGroup, int limit) {
        return jdbc.sql("""
                        select d.sequence_identifier, d.event_identifier, d.cause_type, d.cause_message, d.enqueued_at,
                               (select count(*) from dead_letter_entry c where c.processing_group = d.processing_group
                                   and c.sequence_identifier = d.sequence_identifier) as events
                          from dead_letter_entry d
                         where d.processing_group = ?
                           and d.sequence_index = (select min(m.sequence_index) from dead_letter_entry m
                                where m.processing_group = d.processing_group
                                  and m.sequence_identifier = d.sequence_identifier)
                         order by d.enqueued_at, d.sequence_identifier
                         fetch first %d rows only
                        """.formatted(limit))
                .param(processingGroup)
                .query((rs, row) -> new ParkedStream(rs.getString("sequence_identifier"), rs.getLong("events"),
                        rs.getString("event_identifier"), rs.getString("cause_type"), rs.getString("cause_message"),
                        rs.getObject("enqueued_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Every stream with an event parked by the processing group. */
    public Set<String> streams(String processingGroup) {
        return Set.copyOf(jdbc.sql("select distinct sequence_identifier from dead_letter_entry where processing_group = ?")
                .param(processingGroup)
                .query(String.class)
                .list());
    }
}
