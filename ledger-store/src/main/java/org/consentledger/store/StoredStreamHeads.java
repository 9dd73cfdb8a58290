package org.consentledger.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each stream's last sequence number, as the event store holds it, read in the caller's transaction if it has one.
 * Many streams are read in one statement: the writer asks for every site of a batch of decisions at once, where
 * asking the store stream by stream cost a round trip to the database for each.
 */
public class StoredStreamHeads implements StoredStreams {

    private final JdbcClient jdbc;

    public StoredStreamHeads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> lastSequences(Collection<String> streamIds) {
        Map<String, Long> last = new HashMap<>();
        for (List<String> chunk : InList.chunks(streamIds)) {
            jdbc.sql("select aggregate_identifier, max(sequence_number) from domain_event_entry"
                            + " where aggregate_identifier in " + InList.of(chunk) + " group by aggregate_identifier")
                    .query(rs -> {
                        last.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return last;
    }
}
