package org.consentledger.api.erasure;

import java.time.Instant;
import java.util.List;

/**
 * Erase a visitor: destroy the key that opens the personal parts of their events on the site, and record that it was
 * done. The events keep their public parts and their hashes, so every proof still holds.
 *
 * @param visitorId   the visitor, named by a client; null when the ledger erases a stream it found itself
 * @param stream      the visitor stream to erase, when the ledger found it itself (retention); null otherwise
 * @param erasureId   the client's id for this erasure; sending it again is idempotent
 * @param reason      {@code art17-request}, {@code retention} or {@code other}
 * @param requestedAt when the erasure was asked for, if the client says
 */
public record EraseSubject(String siteId, String visitorId, String stream, String erasureId, String reason,
                           Instant requestedAt) {

    /** A client's erasure of a visitor it names. */
    public EraseSubject(String siteId, String visitorId, String erasureId, String reason, Instant requestedAt) {
        this(siteId, visitorId, null, erasureId, reason, requestedAt);
    }

    /** The ledger's own erasure of a stream whose visitor it cannot name (their id is sealed). */
    public static EraseSubject ofStream(String siteId, String stream, String erasureId, String reason) {
        return new EraseSubject(siteId, null, stream, erasureId, reason, null);
    }

    /** The reasons the ledger records an erasure for. */
    public static final List<String> REASONS = List.of("art17-request", "retention", "other");
}
