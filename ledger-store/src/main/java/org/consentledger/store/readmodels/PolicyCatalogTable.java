package org.consentledger.store.readmodels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.store.InList;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The policy catalog's table ({@code policy_catalog}): every published version's document, by site and version. */
public class PolicyCatalogTable {

    private static final String ROWS = "select site_id, version, event_id, document from policy_catalog c";

    private final JdbcClient jdbc;

    public PolicyCatalogTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A row of the catalog as stored, for the audit to hold against its event.
     *
     * @param document the published event as the catalog serialized it
     */
    public record Row(String siteId, int version, String eventId, String document) {
    }

    /** Whether the catalog holds the version this event published: processors deliver at least once. */
    /** Every site with a policy version. */
    public List<String> sites() {
        return jdbc.sql("select distinct site_id from policy_catalog order by site_id").query(String.class).list();
    }

    public boolean holds(String eventId) {
        return jdbc.sql("select count(*) from policy_catalog where event_id = :id").param("id", eventId)
                .query(Long.class).single() > 0;
    }

    public void insert(Row row, Instant effectiveFrom, Instant recordedAt) {
        jdbc.sql("""
                        insert into policy_catalog (site_id, version, effective_from, recorded_at, event_id, document)
                        values (:site, :version, :effectiveFrom, :recordedAt, :eventId, :document)
                        """)
                .param("site", row.siteId())
                .param("version", row.version())
                .param("effectiveFrom", OffsetDateTime.ofInstant(effectiveFrom, ZoneOffset.UTC))
                .param("recordedAt", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
                .param("eventId", row.eventId())
                .param("document", row.document())
                .update();
    }

    /** Before a replay, in its reset transaction. */
    public void clear() {
        jdbc.sql("delete from policy_catalog").update();
    }

    /** The site's documents, oldest version first. */
    public List<String> documents(String siteId) {
        return jdbc.sql("select document from policy_catalog where site_id = :site order by version")
                .param("site", siteId)
                .query(String.class)
                .list();
    }

    /** The catalog's rows made from these events, by event id; an event without a row is absent. */
    public Map<String, Row> rows(Collection<String> eventIds) {
        Map<String, Row> rows = new HashMap<>();
        InList.rows(jdbc, ROWS + " where event_id in ", eventIds, PolicyCatalogTable::row)
                .forEach(row -> rows.put(row.eventId(), row));
        return rows;
    }

    /** A row that no event in the store was made into (one added behind the ledger's back), if there is one. */
    public Optional<Row> rowWithoutEvent() {
        return jdbc.sql(ROWS + """
                         where not exists (select 1 from domain_event_entry e where e.event_identifier = c.event_id)
                         fetch first 1 rows only
                        """)
                .query(PolicyCatalogTable::row)
                .optional();
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getString("site_id"), rs.getInt("version"), rs.getString("event_id"),
                rs.getString("document"));
    }
}
