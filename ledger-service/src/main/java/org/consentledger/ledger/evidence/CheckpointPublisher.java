package org.consentledger.ledger.evidence;

import org.consentledger.verifier.SignedCheckpoint;
/** Somewhere outside the ledger that keeps copies of its signed checkpoints. */
public interface CheckpointPublisher {

    void publish(SignedCheckpoint checkpoint);
}
