package org.consentledger.store.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A site's events as the event table holds them, read a page at a time in the store's global order, so that an export
 * of any size holds one page in memory. A site's events are those of its own stream (named by the site id) and of its
 * visitors' streams (the site id, '/', ...); site ids never contain '/'.
 */
public class SiteEventRows {

    private static final String COLUMNS = """
            select global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, time_stamp,
                   payload, meta_data
              from domain_event_entry""";

    private final JdbcClient jdbc;

    public SiteEventRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One stored row.
     *
     * @param timeStamp when the store appended the event, as the store wrote it (its own clock, not the ledger's
     *                  {@code recordedAt}); the only instant a redacted event keeps
     */
    public record Row(long globalIndex, String eventId, String stream, long sequence, String type, String timeStamp,
                      byte[] payload, byte[] metaData) {
    }

    /** The global index of the newest event, 0 when the store is empty: where an export started now stops. */
    public long head() {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
    }

    /** The site's next {@code count} events after {@code after}, up to {@code upTo} included, in global order. */
    public List<Row> page(String siteId, long after, long upTo, int count) {
        return jdbc.sql(COLUMNS + "\n" + """
                         where global_index > :after and global_index <= :upTo
                           and (aggregate_identifier = :site or aggregate_identifier like :visitors escape '!')
                         order by global_index fetch first %d rows only""".formatted(count))
                .param("after", after)
                .param("upTo", upTo)
                .param("site", siteId)
                .param("visitors", likeLiterally(siteId) + "/%")
                .query(SiteEventRows::row)
                .list();
    }

    /** One stream's events, in order. */
    public List<Row> stream(String stream) {
        return jdbc.sql(COLUMNS + " where aggregate_identifier = :stream order by sequence_number")
                .param("stream", stream)
                .query(SiteEventRows::row)
                .list();
    }

    /** A site id allows '_', which LIKE would take for any character. */
    private static String likeLiterally(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getBytes(7), rs.getBytes(8));
    }
}
