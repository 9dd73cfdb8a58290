package org.consentledger.api.consent;

import java.time.Instant;

/**
 * Query: which cookies the visitor allowed on the site at instant {@code at}, judged only from what the ledger had
 * recorded by {@code asOf}. Answers {@code Optional<ConsentAnswer>}, empty when the site is unknown.
 */
public record ConsentAt(String siteId, String visitorId, Instant at, Instant asOf) {
}
