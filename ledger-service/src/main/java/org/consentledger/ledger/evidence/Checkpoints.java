package org.consentledger.ledger.evidence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.consentledger.ledger.LedgerTime;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.verifier.MerkleFrontier;
import org.consentledger.verifier.SignedCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Signs checkpoints of the Merkle log: at a fixed interval, whenever the log has grown, and on demand (an evidence
 * bundle needs one that covers its events). Each is handed to the configured publishers, so that outside parties
 * can keep copies and notice if the ledger ever shows them different histories.
 */
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final EvidenceLog evidence;
    private final CheckpointKey key;
    private final Clock clock;
    private final List<CheckpointPublisher> publishers;

    Checkpoints(EvidenceLog evidence, CheckpointKey key, Clock clock, List<CheckpointPublisher> publishers) {
        this.evidence = evidence;
        this.key = key;
        this.clock = clock;
        this.publishers = publishers;
    }

    @Scheduled(fixedDelayString = "${ledger.evidence.checkpoint-every:PT10S}",
            initialDelayString = "${ledger.evidence.checkpoint-every:PT10S}")
    void onSchedule() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.warn("Could not sign a checkpoint; will try again", e);
        }
    }

    /** Signs a checkpoint when at least {@code events} were logged since the newest one. */
    void checkpointIfGrownBy(int events) {
        long signed = evidence.latestCheckpoint().map(SignedCheckpoint::treeSize).orElse(0L);
        if (evidence.size() - signed >= events) {
            onSchedule();
        }
    }

    /** The newest checkpoint, signing one first when the log has grown beyond it. */
    public synchronized Optional<SignedCheckpoint> checkpoint() {
        long size = evidence.size();
        Optional<SignedCheckpoint> latest = evidence.latestCheckpoint();
        if (size == 0 || latest.map(c -> c.treeSize() >= size).orElse(false)) {
            return latest;
        }
        MerkleFrontier frontier = evidence.latestFrontier().orElseGet(MerkleFrontier::empty);
        if (evidence.storedNodeCount() < TiledTree.storedNodesOf(frontier.size())) {
            // A log checkpointed before its subtrees were stored: store them once, from its leaves.
            List<EvidenceLog.Node> earlier = new ArrayList<>();
            evidence.extend(MerkleFrontier.empty(), frontier.size(), TiledTree.collector(earlier));
            evidence.storeNodes(earlier);
            log.info("Stored {} subtrees of the evidence log's first {} leaves", earlier.size(), frontier.size());
        }
        List<EvidenceLog.Node> tiles = new ArrayList<>();
        evidence.extend(frontier, size, TiledTree.collector(tiles));
        // Before the checkpoint, so that the proofs against it find every tile it completed.
        evidence.storeNodes(tiles);
        String root = HexFormat.of().formatHex(frontier.root());
        Instant signedAt = LedgerTime.now(clock);
        byte[] statement = SignedCheckpoint.signedBytes(size, root, signedAt, key.keyId());
        SignedCheckpoint checkpoint = new SignedCheckpoint(size, root, signedAt, key.keyId(),
                Base64.getEncoder().encodeToString(key.sign(statement)));
        try {
            evidence.store(checkpoint, frontier);
        } catch (DuplicateKeyException e) {
            // Another instance signed this size first; both statements are true.
            return evidence.checkpoint(size);
        }
        publishers.forEach(p -> p.publish(checkpoint));
        return Optional.of(checkpoint);
    }
}
