package org.consentledger.ledger.erasure;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param eraseAfter how long after a visitor's last decision the ledger erases them (GDPR art. 5(1)(e)), for sites
 *                   whose policy in force names no {@code retention} of its own; unset: never
 * @param checkEvery how often the ledger looks for visitors to erase
 * @param batch      the most visitors one look erases per site, so that one run never holds the writer long
 */
@ConfigurationProperties("ledger.retention")
public record RetentionProperties(
        Period eraseAfter,
        @DefaultValue("PT1H") Duration checkEvery,
        @DefaultValue("500") int batch) {
}
