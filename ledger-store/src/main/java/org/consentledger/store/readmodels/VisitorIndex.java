package org.consentledger.store.readmodels;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consent history's index by visitor, which every answer reads through. A replay drops it with the rows and
 * inserts the whole history without it, then creates it in one pass once the history holds every event the store
 * held when the replay began: row by row, each insert into it lands at a random place, which made a replay
 * markedly slower than inserting the rows without it and creating it afterwards (benchmark/MEASUREMENTS.md).
 * <p>
 * While it is missing ({@code read_model_position.rebuild_until} set) the history answers nothing: a question would
 * have to read the whole table.
 */
final class VisitorIndex {

    private static final String CREATE = """
            create index if not exists consent_history_visitor on consent_history (site_id, visitor_id, occurred_at)
            """;

    private final JdbcClient jdbc;

    VisitorIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * In a replay's reset, with the rows emptied (or owed emptying): the index is to go with them, and to be created
     * again once the history reaches the store's newest event as of now. An empty store has nothing to insert: the
     * index stays.
     *
     * @return whether the index is to be dropped
     */
    boolean awaitRebuild() {
        Long newest = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).optional()
                .orElse(null);
        jdbc.sql("update read_model_position set rebuild_until = :newest where read_model = :name")
                .param("newest", newest)
                .param("name", ReadModelNames.CONSENT_HISTORY)
                .update();
        return newest != null;
    }

    void drop() {
        jdbc.sql("drop index if exists consent_history_visitor").update();
    }

    /** Whether the index is being rebuilt, so that no answer can be read through it. */
    boolean missing() {
        return jdbc.sql("select rebuild_until from read_model_position where read_model = :name")
                .param("name", ReadModelNames.CONSENT_HISTORY)
                .query((rs, row) -> rs.getObject(1) != null)
                .optional().orElse(false);
    }

    /**
     * Creates the index if the history now holds every event up to where the rebuild was to reach. Outside any
     * transaction (H2 commits one open around a CREATE INDEX); creating it twice is harmless.
     */
    void createIfRebuilt() {
        boolean rebuilt = jdbc.sql("""
                        select count(*) from read_model_position
                         where read_model = :name and rebuild_until is not null and position >= rebuild_until
                        """)
                .param("name", ReadModelNames.CONSENT_HISTORY)
                .query(Long.class).single() > 0;
        if (rebuilt) {
            jdbc.sql(CREATE).update();
            jdbc.sql("update read_model_position set rebuild_until = null where read_model = :name")
                    .param("name", ReadModelNames.CONSENT_HISTORY)
                    .update();
        }
    }
}
