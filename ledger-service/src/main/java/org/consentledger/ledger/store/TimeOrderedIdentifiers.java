package org.consentledger.ledger.store;

import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Message identifiers (and so event ids) as version-7 UUIDs (RFC 9562): the millisecond they were made, then 74
 * random bits. Axon's default is a random (version-4) UUID, and event ids sit in unique indexes: the store's, the
 * evidence log's and the consent history's. A random key sends each insert to a random page of those indexes, so once
 * they outgrow the database's cache every insert reads a page from disk first (on H2 that page read was the largest
 * allocation of the whole ingestion path). Keys that grow with time are appended to the same few pages instead.
 * <p>
 * Axon finds this class through {@code META-INF/services}. The ids stay opaque to clients and unguessable (the
 * random part comes from a {@link SecureRandom}); the time in them says no more than the event's own
 * {@code recordedAt}.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String generateIdentifier() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long epochMillis) {
        long random = RANDOM.nextLong();
        long randomA = RANDOM.nextInt(1 << 12);
        long mostSignificant = (epochMillis << 16) | 0x7000L | randomA;
        long leastSignificant = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
