package org.consentledger.ledger.consent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxClockSkew how far in the future (by the ledger's clock) a client's occurredAt may be
 * @param maxBackfill  how far in the past a client's occurredAt may be, for clients that submit late
 * @param cachedVisitors how many visitors' recent state an instance keeps in memory (least recently used go first)
 * @param writeGroupSize the most decisions an instance records in one transaction when requests queue up
 * @param writers how many groups an instance prepares at once (their appends and commits still take turns)
 * @param renewBefore how long before a visitor's consent expires the consent answer asks to renew it
 *                    ({@code expires-soon}); zero never asks before it has expired
 */
@ConfigurationProperties("ledger.consent")
public record ConsentProperties(
        @DefaultValue("PT5M") Duration maxClockSkew,
        @DefaultValue("P30D") Duration maxBackfill,
        @DefaultValue("2000") int cachedVisitors,
        @DefaultValue("1000") int writeGroupSize,
        @DefaultValue("1") int writers,
        @DefaultValue("P30D") Duration renewBefore) {
}
