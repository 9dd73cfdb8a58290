package org.consentledger.ledger.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.projections.StoredStreams;
import org.springframework.stereotype.Component;

/** Each stream's last sequence number, as the event store gives it to the write side. */
@Component
class StoredStreamHeads implements StoredStreams {

    private final EventStore eventStore;

    StoredStreamHeads(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Map<String, Long> lastSequences(Collection<String> streamIds) {
        Map<String, Long> last = new HashMap<>();
        streamIds.forEach(id -> eventStore.lastSequenceNumberFor(id).ifPresent(sequence -> last.put(id, sequence)));
        return last;
    }
}
