package org.consentledger.store.personal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.store.InList;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The visitor streams a ledger wrote in evidence format 1, named by the site and the visitor id, each mapped to the
 * visitor's first pseudonymous stream (table {@code format_one_stream}), and their redaction when the visitor is
 * erased.
 */
public class FormatOneStreams {

    /** The upgrade step that maps them, owed once by a ledger upgraded from format 1 ({@code ledger_upgrade}). */
    public static final String MAP_STEP = "map-format-one-streams";

    /** What a redacted event's payload becomes: the JSON string {@code "erased"}. */
    private static final byte[] REDACTED_PAYLOAD = "\"erased\"".getBytes(StandardCharsets.US_ASCII);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private volatile boolean noneLeft;

    public FormatOneStreams(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Whether an upgrade step is still owed. */
    public boolean owed(String step) {
        return jdbc.sql("select count(*) from ledger_upgrade where step = ?").param(step).query(Long.class).single()
                > 0;
    }

    public void done(String step) {
        jdbc.sql("delete from ledger_upgrade where step = ?").param(step).update();
    }

    /**
     * The streams holding events stored under these type names (format 1's consent events) and not redacted: every
     * format 1 visitor stream still named by its visitor.
     */
    public List<String> formatOneVisitorStreams(Collection<String> formatOneTypes, String redactedRevision) {
        return jdbc.sql("""
                        select distinct aggregate_identifier from domain_event_entry
                         where payload_type in %s
                           and (payload_revision is null or payload_revision <> ?)
                        """.formatted(InList.of(formatOneTypes)))
                .param(redactedRevision)
                .query(String.class)
                .list();
    }

    /** Maps format 1 streams to pseudonymous ones, each given as pseudonymous stream to format 1 stream. */
    public void map(Map<String, String> formatOneByStream) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(formatOneByStream.entrySet());
        jdbcTemplate.batchUpdate("insert into format_one_stream (stream_id, format_one_stream) values (?, ?)",
                entries, 1_000, (statement, entry) -> {
                    statement.setString(1, entry.getKey());
                    statement.setString(2, entry.getValue());
                });
    }

    /**
     * Whether any format 1 stream may still be named by its visitor. Once none is, none ever is again (a ledger only
     * gets them from its upgrade, mapped before it takes any work), so the answer "no" is kept: a ledger written in
     * format 2 from its start asks once.
     */
    public boolean any() {
        if (noneLeft) {
            return false;
        }
        boolean any = jdbc.sql("select count(*) from (select 1 from format_one_stream fetch first 1 rows only) f")
                .query(Long.class).single() > 0;
        noneLeft = !any;
        return any;
    }

    /** The format 1 streams of these pseudonymous streams, for those that have one. */
    public Map<String, String> of(Collection<String> streams) {
        Map<String, String> found = new HashMap<>();
        InList.rows(jdbc, "select stream_id, format_one_stream from format_one_stream where stream_id in ", streams,
                (rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /**
     * In the erasure's transaction: the format 1 stream of {@code stream}, if it has one, loses its events' content
     * (payload, client ids) and its visitor's name, and its parked copies go. Place, sequence and hashes stay.
     *
     * @return how many events were redacted
     */
    public int redact(String stream, String redactedName, String redactedRevision) {
        Map<String, String> formatOne = of(List.of(stream));
        if (formatOne.isEmpty()) {
            return 0;
        }
        String named = formatOne.get(stream);
        int redacted = jdbc.sql("""
                        update domain_event_entry
                           set payload = ?, payload_revision = ?, aggregate_identifier = ?, submission_key = null
                         where aggregate_identifier = ?
                        """)
                .param(REDACTED_PAYLOAD)
                .param(redactedRevision)
                .param(redactedName)
                .param(named)
                .update();
        jdbc.sql("delete from dead_letter_entry where sequence_identifier = ?").param(named).update();
        jdbc.sql("delete from format_one_stream where stream_id = ?").param(stream).update();
        return redacted;
    }
}
