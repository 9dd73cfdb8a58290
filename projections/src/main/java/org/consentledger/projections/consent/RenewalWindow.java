package org.consentledger.projections.consent;

import java.time.Duration;

/**
 * How long before a visitor's consent expires the consent answer asks to renew it ({@code expires-soon}): a setting
 * of the ledger, which every answer states so that it can be recomputed.
 */
public record RenewalWindow(Duration renewBefore) {
}
