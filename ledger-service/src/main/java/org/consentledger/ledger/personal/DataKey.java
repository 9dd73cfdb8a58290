package org.consentledger.ledger.personal;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One visitor stream's data key, which seals the personal parts of its events. Destroying the stored (wrapped) key is
 * what erases them: the events keep their hashes, and nothing opens their personal parts any more.
 */
public final class DataKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    DataKey(byte[] key) {
        if (key.length != LedgerSecrets.KEY_BYTES) {
            throw new IllegalArgumentException("a data key has " + LedgerSecrets.KEY_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    public static DataKey generate() {
        byte[] key = new byte[LedgerSecrets.KEY_BYTES];
        RANDOM.nextBytes(key);
        return new DataKey(key);
    }

    byte[] bytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key itself: a data key must not reach a log line. */
    @Override
    public String toString() {
        return "DataKey[hidden]";
    }
}
