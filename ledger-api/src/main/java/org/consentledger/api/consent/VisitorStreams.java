package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;

/**
 * Which streams hold a visitor's events on a site. Format 2 names them by a keyed hash of the site and the visitor id,
 * so only the ledger, which holds the key, can find a visitor's events from their id. A visitor erased and seen again
 * has a new stream, past the erased ones.
 */
public interface VisitorStreams {

    /** The visitor's first stream on the site, before any erasure: found without asking the database. */
    String first(String siteId, String visitorId);

    /** The stream the visitor's answers and next decisions on the site are of: the first one not erased. */
    String current(String siteId, String visitorId);

    /** {@link #current}, found with the streams erased before it, which are added to {@code erased} oldest first. */
    String current(String siteId, String visitorId, List<Erasure> erased);

    /** One erased stream, and what its erasure recorded. */
    record Erasure(String stream, Instant at, String erasureId, String reason) {
    }

    /** The part of a visitor stream's name after the site, which the read models key the visitor's rows by. */
    static String visitorKey(String stream) {
        return stream.substring(stream.indexOf('/') + 1);
    }
}
