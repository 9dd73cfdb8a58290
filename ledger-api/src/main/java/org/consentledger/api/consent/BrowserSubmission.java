package org.consentledger.api.consent;

/**
 * A decision that reached the ledger from a visitor's browser, through the site's public collection endpoint. It
 * proves what the ledger received and from which page origin, not that a person clicked: anyone can send what a
 * browser can.
 *
 * @param origin the {@code Origin} the request came with, one the site allowed (such as {@code https://shop.example})
 */
public record BrowserSubmission(String origin) {
}
