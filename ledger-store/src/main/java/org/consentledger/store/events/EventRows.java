package org.consentledger.store.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.consentledger.store.InList;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event table's rows as they are stored ({@code domain_event_entry}), bytes and all, for those who must check
 * them rather than trust them: the audit and the evidence bundles.
 */
public class EventRows {

    private static final String COLUMNS = """
            select global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, payload, meta_data
              from domain_event_entry""";

    private final JdbcClient jdbc;

    public EventRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored row: the payload and metadata as the store holds them. */
    public record Row(long globalIndex, String eventId, String stream, long sequence, String type, byte[] payload,
                      byte[] metaData) {
    }

    /** The next {@code count} events of the store's global order after {@code globalIndex}. */
    public List<Row> after(long globalIndex, int count) {
        return jdbc.sql(COLUMNS + " where global_index > :after order by global_index fetch first %d rows only"
                        .formatted(count))
                .param("after", globalIndex)
                .query(EventRows::row)
                .list();
    }

    /** How many events the streams hold together. */
    public long count(List<String> streams) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier in " + InList.of(streams))
                .query(Long.class).single();
    }

    /** One stream's events, in order. */
    public List<Row> stream(String stream) {
        return jdbc.sql(COLUMNS + " where aggregate_identifier = :stream order by sequence_number")
                .param("stream", stream)
                .query(EventRows::row)
                .list();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getBytes(6), rs.getBytes(7));
    }
}
