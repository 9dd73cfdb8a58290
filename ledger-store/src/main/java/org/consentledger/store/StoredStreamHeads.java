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
public class StoredStreamHeads implements StoredStreams, StoredPolicyEvents {

    private final JdbcClient jdbc;
    private final List<String> policyTypes;

    /** @param policyTypes the names policy events are stored under (in every event format) */
    public StoredStreamHeads(JdbcClient jdbc, List<String> policyTypes) {
        this.jdbc = jdbc;
        this.policyTypes = List.copyOf(policyTypes);
    }

    @Override
    public long policyEvents(String siteId) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type in "
                        + InList.of(policyTypes))
                .param(siteId)
                .query(Long.class).single();
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
