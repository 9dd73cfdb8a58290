package org.consentledger.ledger.evidence;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

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
    private final Checkpoints checkpoints;
    private final int checkpointAfter;

    MerkleLog(EvidenceLog log, Checkpoints checkpoints, int checkpointAfter) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.checkpointAfter = checkpointAfter;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        Object hash = event.getMetaData().get(EventChain.HASH);
        if (!(hash instanceof String eventHash)) {
            // Stop here rather than leave a hole in the log: the processor retries, and an operator looks.
            throw new IllegalStateException("event %s has no hash; the evidence log cannot go past it"
                    .formatted(event.getIdentifier()));
        }
        // Streaming processors deliver at least once: an event already in the log keeps its one leaf.
        if (log.leafOf(event.getIdentifier()).isPresent()) {
            return;
        }
        // Not the token's position: for an event that committed late into a gap, that is the furthest index seen.
        long position = log.globalIndexOf(event.getIdentifier());
        log.append(new EvidenceLog.Leaf(nextLeafIndex(), position, event.getIdentifier(), eventHash));
    }

    /**
     * Counted within the batch, from the stored size, so that a rolled-back batch leaves no gap. Once the batch is
     * committed, a checkpoint is signed if enough events were logged since the last one.
     */
    private long nextLeafIndex() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        long[] next = batch.getOrComputeResource(NEXT_LEAF, k -> {
            batch.afterCommit(u -> checkpoints.checkpointIfGrownBy(checkpointAfter));
            return new long[] {log.size()};
        });
        return next[0]++;
    }
}
