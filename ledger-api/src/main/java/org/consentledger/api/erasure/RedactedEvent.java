package org.consentledger.api.erasure;

/**
 * What the store holds of a format 1 event once its visitor was erased: its place, its type and its hash, not its
 * content. Format 1 had no personal part to destroy apart from the rest, so the whole payload was redacted in place;
 * nothing is ever decided from it again.
 *
 * @param storedType the format 1 name the event was stored under
 */
public record RedactedEvent(String storedType) {

    /** The payload revision the store marks a redacted event with. */
    public static final String REVISION = "erased";
}
