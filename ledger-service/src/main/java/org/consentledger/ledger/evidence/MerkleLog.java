package org.consentledger.ledger.evidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.support.PerBatch;

/**
 * Appends each event's hash, in the event store's global order, as the next leaf of the Merkle log. It never
 * replays: the log is append-only, like the store it certifies. A processor's batch of events is written together,
 * when the batch commits: a few statements per batch instead of three per event.
 */
@ProcessingGroup(MerkleLog.NAME)
@DisallowReplay
public class MerkleLog {

    public static final String NAME = "merkle-log";

    private final EvidenceLog log;
    private final Checkpoints checkpoints;
    private final int checkpointAfter;
    /** The batch's events in delivery order, written in its transaction just before it commits. */
    private final PerBatch<List<Pending>> pending;

    MerkleLog(EvidenceLog log, Checkpoints checkpoints, int checkpointAfter) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.checkpointAfter = checkpointAfter;
        this.pending = PerBatch.<List<Pending>>of("merkle-log", ArrayList::new)
                .beforeCommit(this::append)
                .afterCommit(p -> checkpoints.checkpointIfGrownBy(checkpointAfter));
    }

    private record Pending(String eventId, String hash) {
    }

    /** Takes the message, not its payload: the log needs only the id and the hash, so the payload stays unread. */
    @EventHandler
    void on(EventMessage<?> event) {
        Object hash = event.getMetaData().get(EventChain.HASH);
        if (!(hash instanceof String eventHash)) {
            // Stop here rather than leave a hole in the log: the processor retries, and an operator looks.
            throw new IllegalStateException("event %s has no hash; the evidence log cannot go past it"
                    .formatted(event.getIdentifier()));
        }
        pending.current().add(new Pending(event.getIdentifier(), eventHash));
    }


    /**
     * Leaves are numbered on from the stored size, so a rolled-back batch leaves no gap. Each leaf keeps the event's
     * own place in the store's global order: not the token's, which for an event that committed late into a gap is
     * the furthest place seen.
     */
    private void append(List<Pending> pending) {
        Map<String, EvidenceLog.Place> places = log.placesOf(pending.stream().map(Pending::eventId).toList());
        long next = log.size();
        List<EvidenceLog.Leaf> leaves = new ArrayList<>();
        // Streaming processors deliver at least once: an event already in the log keeps its one leaf, and one
        // delivered twice in this batch gets one.
        Set<String> added = new HashSet<>();
        for (Pending event : pending) {
            EvidenceLog.Place place = places.get(event.eventId());
            if (place == null) {
                throw new IllegalStateException("event %s is not in the event store; the evidence log cannot hold it"
                        .formatted(event.eventId()));
            }
            if (!place.logged() && added.add(event.eventId())) {
                leaves.add(new EvidenceLog.Leaf(next++, place.globalIndex(), event.eventId(), event.hash()));
            }
        }
        if (!leaves.isEmpty()) {
            log.append(leaves);
        }
    }
}
