package org.consentledger.projections.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.projections.CatchUpWait;
import org.consentledger.projections.ColumnLimits;
import org.consentledger.projections.ParkedStreams;
import org.consentledger.projections.ReadModelBehind;
import org.consentledger.projections.ReadModelPosition;
import org.consentledger.projections.ReadModelProcessor;
import org.consentledger.projections.policy.PolicyCatalogProjection;
import org.consentledger.store.Database;
import org.consentledger.store.InList;
import org.consentledger.store.StoredStreams;
import org.consentledger.support.PerBatch;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.PointInTimeResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps every visitor's decisions, indexed by visitor and occurrence time, and answers {@link ConsentAt} from them
 * through the same {@link PointInTimeResolver} an auditor's fold of the event store uses.
 */
@Component
@ProcessingGroup(ReadModelProcessor.NAME)
public class ConsentHistoryProjection implements SmartInitializingSingleton {

    public static final String NAME = "consent-history";


    private static final Logger log = LoggerFactory.getLogger(ConsentHistoryProjection.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final PolicyCatalogProjection policies;
    private final StoredStreams streams;
    private final ReadModelPosition position;
    private final VisitorIndex visitorIndex;
    private final ColumnLimits columns;
    private final ParkedStreams parked;
    /** The processor's batch of decisions, written together just before its transaction commits. */
    private final PerBatch<List<Row>> pending = PerBatch.<List<Row>>of("consent-history", ArrayList::new)
            .beforeCommit(this::write);

    public ConsentHistoryProjection(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PolicyCatalogProjection policies,
                                    StoredStreams streams, ParkedStreams parked) {
        this.jdbc = jdbc;
        this.parked = parked;
        this.columns = new ColumnLimits(jdbc, NAME, "consent_history");
        this.jdbcTemplate = jdbcTemplate;
        this.policies = policies;
        this.streams = streams;
        this.visitorIndex = new VisitorIndex(jdbc);
        // After each batch, the visitor index is created if a replay's rebuild is now done.
        this.position = new ReadModelPosition(NAME, jdbc, this::createIndexIfRebuilt);
    }

    @EventHandler
    void on(ConsentGiven event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            TrackingToken token) {
        insert(event.siteId(), event.visitorId(), Decision.of(event, eventId, sequence));
        position.reached(token);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            TrackingToken token) {
        insert(event.siteId(), event.visitorId(), Decision.of(event, eventId, sequence));
        position.reached(token);
    }

    /**
     * Every other event still moves the position: it is not a decision, and the history holds all before it.
     * It takes no payload, so that the event is not deserialized for it.
     */
    @EventHandler(payloadType = Object.class)
    void passed(TrackingToken token) {
        position.reached(token);
    }

    private void createIndexIfRebuilt() {
        try {
            visitorIndex.createIfRebuilt();
        } catch (RuntimeException e) {
            // The batch has committed; the next batch, or the next start, tries again.
            log.warn("Could not create the consent history's visitor index yet", e);
        }
    }

    /**
     * Empties the read model before a replay, in the replay's reset transaction. On PostgreSQL with TRUNCATE, which is
     * transactional there and takes no time (a DELETE of a million rows took most of a replay's time). H2's TRUNCATE
     * commits the open transaction, and its DELETE is as slow, so on H2 the reset only records that the table is to be
     * emptied: {@link #finishReset()} empties it once the reset has committed, before the processor runs again.
     */
    @ResetHandler
    void reset() {
        position.forget();
        boolean dropIndex = visitorIndex.awaitRebuild();
        if (postgres()) {
            jdbc.sql("truncate table consent_history").update();
            if (dropIndex) {
                visitorIndex.drop();
            }
        } else {
            jdbc.sql("delete from read_model_reset where read_model = :name").param("name", NAME).update();
            jdbc.sql("insert into read_model_reset (read_model) values (:name)").param("name", NAME).update();
        }
    }

    /**
     * Empties the read model if a committed reset left that owed (H2); called after a reset and on start-up, both
     * before the processor runs, outside any transaction.
     */
    public void finishReset() {
        if (jdbc.sql("select count(*) from read_model_reset where read_model = :name").param("name", NAME)
                .query(Long.class).single() > 0) {
            jdbc.sql("truncate table consent_history").update();
            if (visitorIndex.missing()) {
                visitorIndex.drop();
            }
            jdbc.sql("delete from read_model_reset where read_model = :name").param("name", NAME).update();
        }
    }

    /**
     * Runs before the processors start, so a replay interrupted by a stop never lands on the old rows, and one that
     * stopped between its last batch and creating the visitor index does not leave it missing.
     */
    @Override
    public void afterSingletonsInstantiated() {
        finishReset();
        visitorIndex.createIfRebuilt();
    }

    /** Whether a replay is still inserting the history without its visitor index: it answers nothing until then. */
    public boolean rebuilding() {
        return visitorIndex.missing();
    }

    private boolean postgres() {
        return jdbcTemplate.execute((ConnectionCallback<Database>) Database::of) == Database.POSTGRESQL;
    }

    /**
     * Answers only from a read model holding every event the store held for the visitor and the site's policy when
     * asked: the catalog and this history each follow the store by a moment, and are rebuilt during a replay.
     */
    @QueryHandler
    public Optional<ConsentAnswer> answer(ConsentAt query) {
        String visitorStream = VisitorStream.id(query.siteId(), query.visitorId());
        HistorySnapshot snapshot = HistorySnapshot.read(jdbc, query.siteId(), visitorStream, () -> history(query));
        if (snapshot.rebuilding()) {
            throw new ReadModelBehind("a replay is rebuilding the consent history");
        }
        if (snapshot.parkedStream() != null) {
            parked.refuseIfParked(List.of(snapshot.parkedStream()));
        }
        if (snapshot.whole()) {
            // Both read models held every event the store held as they were read: no stream needs checking.
            if (snapshot.versions() == 0) {
                return Optional.empty();
            }
            Optional<List<CookiePolicyPublished>> known = policies.versions(query.siteId(), snapshot.versions());
            if (known.isPresent()) {
                return Optional.of(PointInTimeResolver.resolve(query, known.get(), snapshot.history()));
            }
        }
        parked.refuseIfParked(List.of(query.siteId(), visitorStream));
        Map<String, Long> stored = streams.lastSequences(List.of(query.siteId(), visitorStream));
        if (!stored.containsKey(query.siteId())) {
            return Optional.empty();
        }
        // Each event of a site's stream publishes one version.
        long versions = stored.get(query.siteId()) + 1;
        long visitorEvents = stored.getOrDefault(visitorStream, -1L);
        return Optional.of(CatchUpWait.until(() -> policies.versions(query.siteId(), versions).flatMap(known -> {
            List<Decision> history = history(query.siteId(), query.visitorId());
            return holdsUpTo(history, visitorEvents)
                    ? Optional.of(PointInTimeResolver.resolve(query, known, history)) : Optional.empty();
        }), () -> "the read models have not yet taken in every event of visitor '%s' on site '%s'"
                .formatted(query.visitorId(), query.siteId())));
    }

    /**
     * Whether the decisions include each of the stream's events up to {@code lastSequence} (every event of a
     * visitor's stream is a decision). Read in one statement, so a replay emptying the table in between cannot make
     * an incomplete history look whole.
     */
    static boolean holdsUpTo(List<Decision> history, long lastSequence) {
        BitSet held = new BitSet();
        history.forEach(d -> held.set(Math.toIntExact(d.sequence())));
        return held.nextClearBit(0) > lastSequence;
    }

    /** The columns a {@link Decision} is read from ({@link #decision}). */
    private static final String DECISION_COLUMNS = """
            event_id, sequence_number, kind, policy_version, occurred_at, recorded_at, granted, denied, withdrawn""";

    private static final String DECISIONS = "select " + DECISION_COLUMNS + """

              from consent_history
             where site_id = ? and visitor_id = ?
            """;

    private static final String VISIBLE_DECISIONS = DECISIONS + " and occurred_at <= ? and recorded_at <= ?";

    /** All the visitor's decisions, as {@link #holdsUpTo} needs them; the resolver keeps those visible. */
    List<Decision> history(String siteId, String visitorId) {
        return jdbc.sql(DECISIONS)
                .param(siteId)
                .param(visitorId)
                .query(ConsentHistoryProjection::decision)
                .list();
    }

    /**
     * The visitor's decisions visible at the query's instants: the index (site, visitor, occurrence) lets the ones
     * after {@code at} go unread.
     */
    private List<Decision> history(ConsentAt query) {
        return jdbc.sql(VISIBLE_DECISIONS)
                .param(query.siteId())
                .param(query.visitorId())
                // Stored instants have microsecond precision, so truncating keeps exactly the same rows.
                .param(timestamp(query.at().truncatedTo(ChronoUnit.MICROS)))
                .param(timestamp(query.asOf().truncatedTo(ChronoUnit.MICROS)))
                .query(ConsentHistoryProjection::decision)
                .list();
    }

    /** A row of the history: written per decision, and read back for the audit to hold against its event. */
    public record Row(String siteId, String visitorId, Decision decision) {
    }

    /** Checked here, while the handler can still fail alone: the rows are written together when the batch commits. */
    private void insert(String siteId, String visitorId, Decision d) {
        columns.check("site_id", siteId);
        columns.check("visitor_id", visitorId);
        columns.check("event_id", d.eventId());
        columns.check("granted", String.join(",", d.granted()));
        columns.check("denied", String.join(",", d.denied()));
        columns.check("withdrawn", String.join(",", d.withdrawn()));
        pending.current().add(new Row(siteId, visitorId, d));
    }


    private void write(List<Row> rows) {
        // Streaming processors deliver at least once: an event already recorded is not recorded again.
        Set<String> recorded = new HashSet<>(jdbc.sql("select event_id from consent_history where event_id in "
                        + InList.of(rows.stream().map(r -> r.decision().eventId()).toList()))
                .query(String.class)
                .list());
        List<Row> fresh = rows.stream().filter(r -> recorded.add(r.decision().eventId())).toList();
        jdbcTemplate.batchUpdate("""
                        insert into consent_history (event_id, site_id, visitor_id, sequence_number, kind,
                               policy_version, occurred_at, recorded_at, granted, denied, withdrawn)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                });
    }

    private static final String ROWS = "select site_id, visitor_id, " + DECISION_COLUMNS + " from consent_history h";

    /** The rows made from these events, by event id; an event the history has no row for is absent. */
    public Map<String, Row> rows(Collection<String> eventIds) {
        Map<String, Row> rows = new HashMap<>();
        InList.rows(jdbc, ROWS + " where event_id in ", eventIds, ConsentHistoryProjection::row)
                .forEach(row -> rows.put(row.decision().eventId(), row));
        return rows;
    }

    /** A row that no event in the store was made into (one added behind the ledger's back), if there is one. */
    public Optional<Row> rowWithoutEvent() {
        return jdbc.sql(ROWS + """
                         where not exists (select 1 from domain_event_entry e where e.event_identifier = h.event_id)
                         fetch first 1 rows only
                        """)
                .query(ConsentHistoryProjection::row)
                .optional();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getString("site_id"), rs.getString("visitor_id"), decision(rs, row));
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
                ids(rs.getString("withdrawn")));
    }

    // Category ids cannot contain commas, so a joined list round-trips exactly.
    private static List<String> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
