package org.consentledger.store.readmodels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.store.Database;
import org.consentledger.store.InList;
import org.consentledger.verifier.Decision;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consent history's table ({@code consent_history}): each visitor's decisions, one row per consent event, the
 * visitor index every answer reads through ({@link VisitorIndex}), and how a replay empties it on each database.
 */
public class ConsentHistoryTable {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final VisitorIndex visitorIndex;

    public ConsentHistoryTable(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.visitorIndex = new VisitorIndex(jdbc);
    }

    /**
     * A row of the history: written per decision, and read back for the audit to hold against its event.
     *
     * @param tcf what the consent's TC string says; null for a decision without one
     * @param gpp what the consent's GPP string says; null for a decision without one
     */
    public record Row(String siteId, String visitorId, Decision decision, TcfConsent tcf, GppConsent gpp) {

        public Row(String siteId, String visitorId, Decision decision) {
            this(siteId, visitorId, decision, null, null);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The columns a {@link Decision} is read from ({@link #decision}). */
    private static final String DECISION_COLUMNS = """
            event_id, sequence_number, kind, policy_version, occurred_at, recorded_at, granted, denied, withdrawn,
            opted_out, notice_id""";

    private static final String DECISIONS = "select " + DECISION_COLUMNS + """

              from consent_history
             where site_id = ? and visitor_id = ?
            """;

    private static final String VISIBLE_DECISIONS = DECISIONS + " and occurred_at <= ? and recorded_at <= ?";

    private static final String ROWS = "select site_id, visitor_id, " + DECISION_COLUMNS
            + ", tcf, gpp from consent_history h";

    /** Inserts the rows whose events the history does not hold yet: processors deliver at least once. */
    public void insertNew(List<Row> rows) {
        Set<String> recorded = new HashSet<>(jdbc.sql("select event_id from consent_history where event_id in "
                        + InList.of(rows.stream().map(r -> r.decision().eventId()).toList()))
                .query(String.class)
                .list());
        List<Row> fresh = rows.stream().filter(r -> recorded.add(r.decision().eventId())).toList();
        jdbcTemplate.batchUpdate("""
                        insert into consent_history (event_id, site_id, visitor_id, sequence_number, kind,
                               policy_version, occurred_at, recorded_at, granted, denied, withdrawn, tcf, gpp,
                               opted_out, notice_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, fresh, fresh.size(), (statement, row) -> {
                    Decision d = row.decision();
                    statement.setString(1, d.eventId());
                    statement.setString(2, row.siteId());
                    statement.setString(3, row.visitorId());
                    statement.setLong(4, d.sequence());
                    statement.setString(5, d.kind().name());
                    statement.setInt(6, d.policyVersion());
                    statement.setObject(7, timestamp(d.occurredAt()));
                    statement.setObject(8, timestamp(d.recordedAt()));
                    statement.setString(9, String.join(",", d.granted()));
                    statement.setString(10, String.join(",", d.denied()));
                    statement.setString(11, String.join(",", d.withdrawn()));
                    statement.setString(12, row.tcf() == null ? null : JSON.writeValueAsString(row.tcf()));
                    statement.setString(13, row.gpp() == null ? null : JSON.writeValueAsString(row.gpp()));
                    statement.setString(14, String.join(",", d.optedOut()));
                    statement.setString(15, d.noticeId());
                });
    }

    /**
     * Up to {@code limit} visitors of the site whose last decision was recorded before {@code cutoff}, by the key
     * their rows have, among those whose stream has a data key or format 1 events (an erased stream's rows are
     * gone).
     */
    public List<String> visitorsLastRecordedBefore(String siteId, Instant cutoff, int limit) {
        return jdbc.sql("""
                        select h.visitor_id from consent_history h
                         where h.site_id = ?
                           and (exists (select 1 from visitor_data_key k where k.stream_id = h.site_id || '/' || h.visitor_id)
                                or exists (select 1 from format_one_stream f
                                            where f.stream_id = h.site_id || '/' || h.visitor_id))
                         group by h.visitor_id
                        having max(h.recorded_at) < ?
                         order by h.visitor_id
                         fetch first ? rows only
                        """)
                .param(siteId)
                .param(timestamp(cutoff))
                .param(limit)
                .query(String.class)
                .list();
    }

    /** Deletes the rows of an erased visitor stream: nothing is answered from them again. */
    public int deleteVisitor(String siteId, String visitorId) {
        return jdbc.sql("delete from consent_history where site_id = ? and visitor_id = ?")
                .param(siteId)
                .param(visitorId)
                .update();
    }

    /** All the visitor's decisions. */
    public List<Decision> decisions(String siteId, String visitorId) {
        return jdbc.sql(DECISIONS)
                .param(siteId)
                .param(visitorId)
                .query(ConsentHistoryTable::decision)
                .list();
    }

    /**
     * The visitor's decisions that occurred by {@code at} and were recorded by {@code asOf}: the index (site, visitor,
     * occurrence) lets the ones after {@code at} go unread.
     */
    public List<Decision> visibleDecisions(String siteId, String visitorId, Instant at, Instant asOf) {
        return jdbc.sql(VISIBLE_DECISIONS)
                .param(siteId)
                .param(visitorId)
                // Stored instants have microsecond precision, so truncating keeps exactly the same rows.
                .param(timestamp(at.truncatedTo(ChronoUnit.MICROS)))
                .param(timestamp(asOf.truncatedTo(ChronoUnit.MICROS)))
                .query(ConsentHistoryTable::decision)
                .list();
    }

    /** The visitor's rows, with what each consent's TC and GPP strings said, in one statement. */
    public List<Row> rowsOf(String siteId, String visitorId) {
        return jdbc.sql(ROWS + " where site_id = ? and visitor_id = ?")
                .param(siteId)
                .param(visitorId)
                .query(ConsentHistoryTable::row)
                .list();
    }

    /** The read models' standing and the visitor's decisions, read so that together they can be trusted. */
    public HistorySnapshot snapshot(String siteId, String visitorStream, Supplier<List<Decision>> visibleRows) {
        return HistorySnapshot.read(jdbc, siteId, visitorStream, visibleRows);
    }

    /** The rows made from these events, by event id; an event the history has no row for is absent. */
    public Map<String, Row> rows(Collection<String> eventIds) {
        Map<String, Row> rows = new HashMap<>();
        InList.rows(jdbc, ROWS + " where event_id in ", eventIds, ConsentHistoryTable::row)
                .forEach(row -> rows.put(row.decision().eventId(), row));
        return rows;
    }

    /** A row that no event in the store was made into (one added behind the ledger's back), if there is one. */
    public Optional<Row> rowWithoutEvent() {
        return jdbc.sql(ROWS + """
                         where not exists (select 1 from domain_event_entry e where e.event_identifier = h.event_id)
                         fetch first 1 rows only
                        """)
                .query(ConsentHistoryTable::row)
                .optional();
    }

    /**
     * Empties the history before a replay, in the replay's reset transaction. On PostgreSQL with TRUNCATE, which is
     * transactional there and takes no time (a DELETE of every row took most of a replay's time). H2's TRUNCATE
     * commits the open transaction, and its DELETE is as slow, so on H2 the reset only records that the table is to be
     * emptied: {@link #finishOwedEmptying()} empties it once the reset has committed, before the processor runs again.
     * The visitor index goes with the rows, to be created again once the replay has caught up.
     */
    public void emptyForReplay() {
        boolean dropIndex = visitorIndex.awaitRebuild();
        if (postgres()) {
            jdbc.sql("truncate table consent_history").update();
            if (dropIndex) {
                visitorIndex.drop();
            }
        } else {
            jdbc.sql("delete from read_model_reset where read_model = :name")
                    .param("name", ReadModelNames.CONSENT_HISTORY).update();
            jdbc.sql("insert into read_model_reset (read_model) values (:name)")
                    .param("name", ReadModelNames.CONSENT_HISTORY).update();
        }
    }

    /**
     * Empties the history if a committed reset left that owed (H2); called after a reset and on start-up, both before
     * the processor runs, outside any transaction.
     */
    public void finishOwedEmptying() {
        if (jdbc.sql("select count(*) from read_model_reset where read_model = :name")
                .param("name", ReadModelNames.CONSENT_HISTORY).query(Long.class).single() > 0) {
            jdbc.sql("truncate table consent_history").update();
            if (visitorIndex.missing()) {
                visitorIndex.drop();
            }
            jdbc.sql("delete from read_model_reset where read_model = :name")
                    .param("name", ReadModelNames.CONSENT_HISTORY).update();
        }
    }

    /** Whether a replay is still inserting the history without its visitor index. */
    public boolean rebuilding() {
        return visitorIndex.missing();
    }

    /** Creates the visitor index if a replay's rebuild is done; outside any transaction. */
    public void createVisitorIndexIfRebuilt() {
        visitorIndex.createIfRebuilt();
    }

    private boolean postgres() {
        return jdbcTemplate.execute((ConnectionCallback<Database>) Database::of) == Database.POSTGRESQL;
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getString("site_id"), rs.getString("visitor_id"), decision(rs, row),
                json(rs, "tcf", TcfConsent.class), json(rs, "gpp", GppConsent.class));
    }

    private static <T> T json(ResultSet rs, String column, Class<T> type) throws SQLException {
        String json = rs.getString(column);
        return json == null ? null : JSON.readValue(json, type);
    }

    private static Decision decision(ResultSet rs, int row) throws SQLException {
        return new Decision(
                rs.getString("event_id"),
                rs.getLong("sequence_number"),
                Decision.Kind.valueOf(rs.getString("kind")),
                rs.getInt("policy_version"),
                instant(rs, "occurred_at"),
                instant(rs, "recorded_at"),
                ids(rs.getString("granted")),
                ids(rs.getString("denied")),
                ids(rs.getString("withdrawn")),
                ids(rs.getString("opted_out")),
                rs.getString("notice_id"));
    }

    // Category ids cannot contain commas, so a joined list round-trips exactly.
    private static List<String> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
