package org.consentledger.api;

/**
 * An event of evidence format 2 with a personal part: what a person could be identified by is kept apart from the
 * public part, in {@link #personal()}, sealed before it is stored.
 *
 * @param <E> the event itself
 * @param <P> its personal part, as the record the ledger seals
 */
public interface PersonalEvent<E extends PersonalEvent<E, P>, P> {

    /** The sealed personal part; null only before the event is sealed for storage. */
    SealedPart personal();

    /** The same public part with this sealed personal part. */
    E sealedAs(SealedPart personal);

    /** The record the personal part opens into. */
    Class<P> personalType();
}
