package org.consentledger.ledger.write;

/**
 * The stored event that recorded an earlier submission with the same client id, as the rules need to see it.
 *
 * @param personal its personal part, opened; null for an event without one
 */
public record Earlier<E>(String eventId, E event, Object personal) {

    public Earlier(String eventId, E event) {
        this(eventId, event, null);
    }

    public <P> P personal(Class<P> type) {
        return type.cast(personal);
    }
}
