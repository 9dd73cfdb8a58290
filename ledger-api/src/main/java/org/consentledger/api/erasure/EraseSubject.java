package org.consentledger.api.erasure;

import java.time.Instant;
import java.util.List;

/**
 * Erase a visitor: destroy the key that opens the personal parts of their events on the site, and record that it was
 * done. The events keep their public parts and their hashes, so every proof still holds.
 *
 * @param erasureId   the client's id for this erasure; sending it again is idempotent
 * @param reason      {@code art17-request}, {@code retention} or {@code other}
 * @param requestedAt when the erasure was asked for, if the client says
 */
public record EraseSubject(String siteId, String visitorId, String erasureId, String reason, Instant requestedAt) {

    /** The reasons the ledger records an erasure for. */
    public static final List<String> REASONS = List.of("art17-request", "retention", "other");
}
