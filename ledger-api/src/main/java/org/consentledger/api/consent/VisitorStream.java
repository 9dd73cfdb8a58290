package org.consentledger.api.consent;

/**
 * Names the stream evidence format 1 kept a visitor's events in on one site: the site id, '/', the visitor id. Site
 * ids cannot contain '/', so the name is unambiguous and never collides with a site's own policy stream. Format 2
 * names a visitor's stream by a keyed hash instead ({@link VisitorStreams}).
 */
public final class VisitorStream {

    private VisitorStream() {
    }

    public static String formatOne(String siteId, String visitorId) {
        return siteId + "/" + visitorId;
    }

    /**
     * The name a format 1 stream takes when its visitor is erased and its events are redacted: the visitor's first
     * pseudonymous stream, '/', {@code format-1}. It no longer says whose it was, and the ledger still finds it.
     */
    public static String formatOneRedacted(String firstStream) {
        return firstStream + "/format-1";
    }
}
