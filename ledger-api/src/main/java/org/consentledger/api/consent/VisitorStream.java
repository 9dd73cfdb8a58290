package org.consentledger.api.consent;

/**
 * Names the event stream of one visitor on one site. Site ids cannot contain '/', so the name is unambiguous
 * and never collides with a site's own policy stream.
 */
public final class VisitorStream {

    private VisitorStream() {
    }

    public static String id(String siteId, String visitorId) {
        return siteId + "/" + visitorId;
    }
}
