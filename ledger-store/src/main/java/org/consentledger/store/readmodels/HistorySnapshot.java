package org.consentledger.store.readmodels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.consentledger.verifier.Decision;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A visitor's decisions, when the read models were known to hold every event of the store as they were read;
 * learned without asking the event table about the visitor's stream (on H2 that lookup cost much of an answer: a
 * stream's rows are spread over the whole table).
 * <p>
 * In order: each read model's position and reset generation (one row each, so the two agree), their processor's
 * number of segments (positions are kept for one segment only) and the store's newest index; then the site's number
 * of policy versions and the visitor's rows; then the generations again. Both models at or past the newest index
 * means every event up to it is in them, rows included, since a model writes its position in the transaction that
 * writes its rows; rows read afterwards still hold them unless a replay emptied the model in between, which
 * unchanged generations rule out. Not one statement: H2 does not read every table of a statement as of one moment
 * (it gave a model's position without the rows committed with it).
 *
 * @param whole      false when the read models could not be shown whole; then nothing else is read
 * @param rebuilding a replay is inserting the history without its visitor index (so it is not whole either)
 * @param versions how many policy versions of the site the catalog held
 * @param history  the visitor's decisions visible at the query's instants
 * @param streamErased the stream asked about was erased (read with the versions): nothing was read of it
 */
public record HistorySnapshot(boolean whole, boolean rebuilding, String parkedStream, long versions,
                       List<Decision> history, boolean streamErased) {

    private static final HistorySnapshot UNKNOWN = new HistorySnapshot(false, false, null, 0, List.of(), false);
    private static final HistorySnapshot REBUILDING = new HistorySnapshot(false, true, null, 0, List.of(), false);

    private static final String STANDING = """
            select p.read_model, p.position, p.generation, p.rebuild_until,
                   (select count(*) from token_entry t where t.processor_name = ?) as segments,
                   (select max(global_index) from domain_event_entry) as head
              from read_model_position p
             where p.read_model in (?, ?)
            """;

    /**
     * Read after the positions: a parked event is behind every position that passed it, so a stream parked then is
     * seen here; and a retry that since applied it has committed its rows, which the history read after sees.
     */
    private static final String VERSIONS_AND_PARKED = """
            select count(*) as versions,
                   (select min(d.sequence_identifier) from dead_letter_entry d
                     where d.processing_group = ? and d.sequence_identifier in (?, ?)) as parked,
                   (select count(*) from erased_stream e where e.stream_id = ?) as erased
              from policy_catalog where site_id = ?
            """;

    private static final String GENERATIONS =
            "select read_model, generation from read_model_position where read_model in (?, ?)";

    /**
     * @param visitorStream the visitor's stream: when it or the site's is parked, the snapshot names it instead
     * @param visibleRows reads the visitor's decisions visible at the query's instants; called only when the read
     *                    models stood at the store's newest index
     */
    public static HistorySnapshot read(JdbcClient jdbc, String siteId, String visitorStream,
                                Supplier<List<Decision>> visibleRows) {
        Map<String, Long> generations = new HashMap<>();
        boolean[] whole = {true};
        boolean[] rebuilding = {false};
        // Positional parameters, here and below: each answer runs these statements, and named ones cost a new SQL
        // string per statement (rewritten, then hashed again by H2's statement cache).
        jdbc.sql(STANDING)
                .param(ReadModelNames.PROCESSOR)
                .param(ReadModelNames.CONSENT_HISTORY)
                .param(ReadModelNames.POLICY_CATALOG)
                .query(rs -> {
                    long head = rs.getLong("head");
                    // An empty store has no newest index.
                    head = rs.wasNull() ? -1 : head;
                    whole[0] &= rs.getLong("segments") == 1 && rs.getLong("position") >= head;
                    generations.put(rs.getString("read_model"), rs.getLong("generation"));
                    rebuilding[0] |= rs.getObject("rebuild_until") != null;
                });
        if (rebuilding[0]) {
            return REBUILDING;
        }
        if (!whole[0] || generations.size() != 2) {
            return UNKNOWN;
        }
        long[] versions = {0};
        String[] parked = {null};
        boolean[] erased = {false};
        jdbc.sql(VERSIONS_AND_PARKED)
                .param(ReadModelNames.PROCESSOR)
                .param(siteId)
                .param(visitorStream)
                .param(visitorStream)
                .param(siteId)
                .query(rs -> {
                    versions[0] = rs.getLong("versions");
                    parked[0] = rs.getString("parked");
                    erased[0] = rs.getLong("erased") > 0;
                });
        if (parked[0] != null) {
            return new HistorySnapshot(false, false, parked[0], 0, List.of(), erased[0]);
        }
        if (erased[0]) {
            // The visitor's answer comes from a later stream, which the caller finds.
            return new HistorySnapshot(false, false, null, versions[0], List.of(), true);
        }
        List<Decision> history = visibleRows.get();
        Map<String, Long> after = new HashMap<>();
        jdbc.sql(GENERATIONS)
                .param(ReadModelNames.CONSENT_HISTORY)
                .param(ReadModelNames.POLICY_CATALOG)
                .query(rs -> {
                    after.put(rs.getString("read_model"), rs.getLong("generation"));
                });
        return after.equals(generations) ? new HistorySnapshot(true, false, null, versions[0], history, false)
                : UNKNOWN;
    }
}
