package org.consentledger.ledger.personal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals an event's personal part under its stream's data key with AES-256-GCM. Each event is sealed under a key of
 * its own, derived from the data key and the event's id (HKDF-Expand, RFC 5869, with HMAC-SHA256): event ids are
 * unique in the store, so no key ever seals twice under the same nonce, however the random nonces fall. The event id
 * is also the associated data: sealed bytes copied onto another event do not open.
 */
public final class Sealing {

    private static final byte FORMAT = 1;
    /** A MAC per thread, keyed anew for each event: looking one up per event costs more than keying it. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    });

    private Sealing() {
    }

    public static byte[] seal(DataKey key, String eventId, byte[] personalPart) {
        byte[] sealed = Aead.encrypt(eventKey(key, eventId), personalPart, associatedData(eventId), 1);
        sealed[0] = FORMAT;
        return sealed;
    }

    /** @throws UnreadableSeal for the wrong key, another event's bytes, or bytes altered or cut */
    public static byte[] open(DataKey key, String eventId, byte[] sealed) {
        if (sealed.length == 0 || sealed[0] != FORMAT) {
            throw new UnreadableSeal("the sealed bytes are not in a sealing format this ledger knows");
        }
        return Aead.decrypt(eventKey(key, eventId), sealed, 1, associatedData(eventId));
    }

    static byte[] eventKey(DataKey key, String eventId) {
        try {
            Mac hmac = MACS.get();
            hmac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            hmac.update(("consent-ledger/seal/" + eventId).getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 1);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static byte[] associatedData(String eventId) {
        return ("consent-ledger/event/" + eventId).getBytes(StandardCharsets.UTF_8);
    }
}
