package org.consentledger.ledger.policy;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultConsentMaxAge how long consent stays valid when a policy version does not say; written into the
 *                             published version, so changing it later does not alter earlier answers
 * @param seeds                policies published as version 1 when their site has none yet
 */
@ConfigurationProperties("ledger.policy")
public record PolicyProperties(
        @DefaultValue("P395D") Duration defaultConsentMaxAge,
        @DefaultValue("true") boolean seedOnStart,
        List<Seed> seeds) {

    public PolicyProperties {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
    }

    /** A policy page in the text form the importer reads, for one site. */
    public record Seed(String siteId, String resource) {
    }
}
