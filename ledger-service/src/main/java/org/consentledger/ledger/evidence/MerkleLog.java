package org.consentledger.ledger.evidence;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Appends each event's hash, in the event store's global order, as the next leaf of the Merkle log. It never
 * replays: the log is append-only, like the store it certifies.
 */
@ProcessingGroup(MerkleLog.NAME)
@DisallowReplay
public class MerkleLog {

    public static final String NAME = "merkle-log";
    private static final String NEXT_LEAF = MerkleLog.class.getName() + ".next";

    private final EvidenceLog log;

    MerkleLog(EvidenceLog log) {
        this.log = log;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        Object hash = event.getMetaData().get(EventChain.HASH);
        if (!(hash instanceof String eventHash)) {
            // Stop here rather than leave a hole in the log: the processor retries, and an operator looks.
            throw new IllegalStateException("event %s has no hash; the evidence log cannot go past it"
                    .formatted(event.getIdentifier()));
        }
        long position = token.position().orElseThrow(() -> new IllegalStateException("no position for " + event));
        log.append(new EvidenceLog.Leaf(nextLeafIndex(), position, event.getIdentifier(), eventHash));
    }

    /** Counted within the batch, from the stored size, so that a rolled-back batch leaves no gap. */
    private long nextLeafIndex() {
        long[] next = CurrentUnitOfWork.get().root().getOrComputeResource(NEXT_LEAF, k -> new long[] {log.size()});
        return next[0]++;
    }
}
