package org.consentledger.projections;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Streams whose events the read models could not apply, parked in the read-model processor's dead-letter queue
 * (Axon's table {@code dead_letter_entry}, sequenced by stream) while every other stream goes on. The read models'
 * position moves past a parked event, so a read model that looks whole still lacks the events of a parked stream:
 * every answer asks here about the streams it is made of.
 */
@Component
public class ParkedStreams {

    private final JdbcClient jdbc;

    public ParkedStreams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first of these streams that has an event parked, with the reason its oldest one could not be applied. */
    public Optional<StreamParked> among(Collection<String> streams) {
        List<String> ids = List.copyOf(streams);
        return jdbc.sql("""
                        select sequence_identifier, cause_message from dead_letter_entry
                         where processing_group = ? and sequence_identifier in (%s)
                         order by sequence_index fetch first 1 rows only
                        """.formatted(String.join(", ", ids.stream().map(id -> "?").toList())))
                .param(ReadModelProcessor.NAME)
                .params(ids)
                .query((rs, row) -> new StreamParked(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** Every stream with an event parked: the read models hold none of their events from the first parked on. */
    public Set<String> all() {
        return Set.copyOf(jdbc.sql("select distinct sequence_identifier from dead_letter_entry where processing_group = ?")
                .param(ReadModelProcessor.NAME)
                .query(String.class)
                .list());
    }

    /** Throws {@link StreamParked} when one of these streams is parked. */
    public void refuseIfParked(Collection<String> streams) {
        Optional<StreamParked> parked = among(streams);
        if (parked.isPresent()) {
            throw parked.get();
        }
    }
}
