package org.consentledger.ledger.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.consentledger.projections.StoredStreams;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each stream's last sequence number, straight from the event table in one statement on its stream-position
 * index: every point-in-time answer asks this, and Axon's own per-stream query opens an entity manager each time.
 */
@Component
class StoredStreamHeads implements StoredStreams {

    private final JdbcClient jdbc;

    StoredStreamHeads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> lastSequences(Collection<String> streamIds) {
        Map<String, Long> last = new HashMap<>();
        jdbc.sql("""
                        select aggregate_identifier, max(sequence_number) from domain_event_entry
                         where aggregate_identifier in (:streams) group by aggregate_identifier
                        """)
                .param("streams", streamIds)
                .query(rs -> {
                    last.put(rs.getString(1), rs.getLong(2));
                });
        return last;
    }
}
