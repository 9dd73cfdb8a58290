package org.consentledger.ledger.personal;

/** Sealed bytes that do not open: the wrong key, or bytes altered or cut since they were sealed. */
public class UnreadableSeal extends RuntimeException {

    public UnreadableSeal(String message) {
        super(message);
    }
}
