package org.consentledger.ledger.access;

/** What a key may do; the HTTP API's paths are grouped by these (see the README's HTTP API table). */
public enum Role {
    /** Submit consents, withdrawals and policy versions for the key's sites. */
    INGEST,
    /** Read answers, evidence, events and policies of the key's sites, and the log's checkpoints and proofs. */
    AUDIT,
    /**
     * Erase visitors of the key's sites: forgets who they were for good, so no other role implies it and a key
     * gets it only when named.
     */
    ERASE,
    /** Rebuild read models, replay the Kafka relay, read metrics: the whole ledger, every site. */
    ADMIN
}
