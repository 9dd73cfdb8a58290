package org.consentledger.ledger.personal;

import java.util.Arrays;

/**
 * One visitor stream's data key, which seals the personal parts of its events. Destroying the stored (wrapped) key is
 * what erases them: the events keep their hashes, and nothing opens their personal parts any more.
 */
public final class DataKey {

    private final byte[] key;

    DataKey(byte[] key) {
        if (key.length != LedgerSecrets.KEY_BYTES) {
            throw new IllegalArgumentException("a data key has " + LedgerSecrets.KEY_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    public static DataKey generate() {
        return new DataKey(RandomBytes.of(LedgerSecrets.KEY_BYTES));
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
