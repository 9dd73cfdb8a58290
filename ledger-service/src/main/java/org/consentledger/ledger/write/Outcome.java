package org.consentledger.ledger.write;

import org.consentledger.ledger.LedgerRejection;

/**
 * What became of one command: a receipt (new or replayed) or the rule it broke.
 *
 * @param recorded whether the command recorded a new event
 */
public record Outcome(Object receipt, boolean recorded, LedgerRejection rejection) {

    static Outcome ofNew(Object receipt) {
        return new Outcome(receipt, true, null);
    }

    static Outcome ofReplay(Object receipt) {
        return new Outcome(receipt, false, null);
    }

    static Outcome ofRefusal(LedgerRejection rejection) {
        return new Outcome(null, false, rejection);
    }

    /** The receipt, or the refusal thrown. */
    public <R> R receipt(Class<R> type) {
        if (rejection != null) {
            throw rejection;
        }
        return type.cast(receipt);
    }
}
