package org.consentledger.ledger.personal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * Wraps data keys under the ledger's key-encryption keys, so that the database never holds a data key it could
 * open by itself. The wrapped key is bound to its stream: moved to another stream's row, it does not unwrap.
 */
public final class KeyWrapping {

    private final SortedMap<String, byte[]> keyEncryptionKeys;
    private final String current;

    public KeyWrapping(LedgerSecrets secrets) {
        this.keyEncryptionKeys = secrets.keyEncryptionKeys();
        this.current = keyEncryptionKeys.lastKey();
    }

    /** A data key as stored: the key-encryption key's name and the sealed key. */
    public record WrappedKey(String kekName, byte[] sealed) {
    }

    public WrappedKey wrap(DataKey key, String stream) {
        return new WrappedKey(current, Aead.encrypt(keyEncryptionKeys.get(current), key.bytes(), context(stream)));
    }

    /** @throws UnreadableSeal when the key-encryption key is gone or the wrapped key was altered or moved */
    public DataKey unwrap(WrappedKey wrapped, String stream) {
        byte[] kek = keyEncryptionKeys.get(wrapped.kekName());
        if (kek == null) {
            throw new UnreadableSeal("the key-encryption key " + wrapped.kekName() + " is no longer configured");
        }
        return new DataKey(Aead.decrypt(kek, wrapped.sealed(), context(stream)));
    }

    /** Whether a key wrapped under {@code kekName} should be wrapped again under the current key. */
    public boolean outdated(String kekName) {
        return !current.equals(kekName);
    }

    public String currentKeyName() {
        return current;
    }

    Map<String, byte[]> keys() {
        return keyEncryptionKeys;
    }

    private static byte[] context(String stream) {
        return ("consent-ledger/data-key/" + stream).getBytes(StandardCharsets.UTF_8);
    }
}
