package org.consentledger.ledger.personal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random bytes for salts, nonces and keys from a generator per thread (the JDK's DRBG, seeded from the system's
 * entropy): the platform's default generator serialises every writer thread on one lock for each event it seals.
 */
final class RandomBytes {

    private static final ThreadLocal<SecureRandom> GENERATORS = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG is unavailable", e);
        }
    });

    private RandomBytes() {
    }

    static byte[] of(int length) {
        byte[] bytes = new byte[length];
        GENERATORS.get().nextBytes(bytes);
        return bytes;
    }
}
