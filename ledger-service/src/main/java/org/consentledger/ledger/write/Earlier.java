package org.consentledger.ledger.write;

/** The stored event that recorded an earlier submission with the same client id, as the rules need to see it. */
public record Earlier<E>(String eventId, E event) {
}
