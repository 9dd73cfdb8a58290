package org.consentledger.ledger.consent;

import org.consentledger.api.consent.BrowserSubmission;

/**
 * What the ledger itself saw of a decision a visitor's browser sent: the page origin, the address it came from, the
 * user agent and the Global Privacy Control header. The address and user agent are personal and sealed.
 */
public record BrowserCapture(String origin, String ipAddress, String userAgent, boolean gpc) {

    BrowserSubmission submission() {
        return new BrowserSubmission(origin);
    }
}
