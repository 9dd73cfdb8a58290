package org.consentledger.ledger.personal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the JDK's provider, written as {@code nonce (12 bytes) || ciphertext || tag (16 bytes)}. Every
 * call draws a fresh random nonce, and every key it is given is used for one purpose bound in the associated data.
 */
final class Aead {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    /** A cipher per thread: looking one up for every event is a good part of what sealing costs. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable", e);
        }
    });

    private Aead() {
    }

    static byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData) {
        return encrypt(key, plaintext, associatedData, 0);
    }

    /** As {@link #encrypt(byte[], byte[], byte[])}, leaving {@code header} zero bytes in front for the caller. */
    static byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData, int header) {
        byte[] nonce = RandomBytes.of(NONCE_BYTES);
        byte[] out = new byte[header + NONCE_BYTES + plaintext.length + TAG_BITS / 8];
        System.arraycopy(nonce, 0, out, header, NONCE_BYTES);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, out, header + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable", e);
        }
    }

    /** @throws UnreadableSeal when the bytes were not sealed by this key for this associated data, or were altered */
    static byte[] decrypt(byte[] key, byte[] sealed, byte[] associatedData) {
        return decrypt(key, sealed, 0, associatedData);
    }

    /** As {@link #decrypt(byte[], byte[], byte[])}, for sealed bytes that start at {@code from}. */
    static byte[] decrypt(byte[] key, byte[] sealed, int from, byte[] associatedData) {
        if (sealed.length - from < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSeal("the sealed bytes are too short to hold a nonce and a tag");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, from, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, from + NONCE_BYTES, sealed.length - from - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UnreadableSeal("the sealed bytes do not open with this key: altered, cut, or sealed for another");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable", e);
        }
    }
}
