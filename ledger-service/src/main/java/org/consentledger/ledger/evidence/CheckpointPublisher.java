package org.consentledger.ledger.evidence;

/** Somewhere outside the ledger that keeps copies of its signed checkpoints. */
public interface CheckpointPublisher {

    void publish(EvidenceLog.Checkpoint checkpoint);
}
