package org.consentledger.ledger.store;

/**
 * A write was committed but the database could not confirm that it reached the disk: it may be kept or lost, and
 * nobody can tell until the database is read again. Answered 503 saying so; the client learns the outcome by sending
 * the same request again, which the ledger records at most once.
 */
public class CommitUnconfirmed extends RuntimeException {

    public CommitUnconfirmed(Throwable cause) {
        super("the ledger recorded this but the database did not confirm it reached the disk, so the outcome is "
                + "unknown; send the same request again (same id) to learn it: if it was kept, the answer is its "
                + "original receipt, if not, it is recorded then, never twice", cause);
    }
}
