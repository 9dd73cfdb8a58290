package org.consentledger.store.personal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.consentledger.store.InList;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The visitor streams erased, with what their erasure recorded (table {@code erased_stream}). */
public class ErasedStreams {

    private final JdbcClient jdbc;

    public ErasedStreams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stream's erasure. */
    public record Erased(String stream, String siteId, String erasureId, String reason, Instant requestedAt,
                         Instant erasedAt) {
    }

    /** In the erasure's transaction. */
    public void record(Erased erased) {
        jdbc.sql("""
                        insert into erased_stream (stream_id, site_id, erasure_id, reason, requested_at, erased_at)
                        values (:stream, :site, :erasure, :reason, :requested, :erased)
                        """)
                .param("stream", erased.stream())
                .param("site", erased.siteId())
                .param("erasure", erased.erasureId())
                .param("reason", erased.reason())
                .param("requested", erased.requestedAt() == null ? null : Timestamp.from(erased.requestedAt()))
                .param("erased", Timestamp.from(erased.erasedAt()))
                .update();
    }

    /** Which of these streams were erased, by stream. */
    public Map<String, Erased> of(Collection<String> streams) {
        Map<String, Erased> erased = new LinkedHashMap<>();
        InList.rows(jdbc, """
                        select stream_id, site_id, erasure_id, reason, requested_at, erased_at
                          from erased_stream where stream_id in \
                        """, streams,
                (rs, n) -> new Erased(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
                .forEach(e -> erased.put(e.stream(), e));
        return erased;
    }

    /** How many streams were erased. */
    public long count() {
        return jdbc.sql("select count(*) from erased_stream").query(Long.class).single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
