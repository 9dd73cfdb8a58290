package org.consentledger.store.readmodels;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Up to which global index each read model holds every event of the store (table {@code read_model_position}). */
public class ReadModelPositions {

    private final JdbcClient jdbc;

    public ReadModelPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In a reset's transaction: nothing is known to be held until the rebuild reports again. */
    public void forget(String readModel) {
        jdbc.sql("""
                        update read_model_position set position = -1, generation = generation + 1
                         where read_model = :name
                        """)
                .param("name", readModel)
                .update();
    }

    /** Only forward: a parked event retried later reports the older position it was read at. */
    public void advance(String readModel, long position) {
        jdbc.sql("update read_model_position set position = :position where read_model = :name and position < :position")
                .param("position", position)
                .param("name", readModel)
                .update();
    }
}
