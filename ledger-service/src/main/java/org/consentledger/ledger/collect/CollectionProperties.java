package org.consentledger.ledger.collect;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public collection endpoint's limits, per instance: with several instances behind a balancer, a client may make
 * this many requests on each (divide by the number of instances, or let the balancer keep a client on one).
 *
 * @param addressRequestsPerSecond  the sustained request rate of one client address; 0 for no limit
 * @param addressBurst              how many requests an address may make at once after a quiet spell
 * @param siteRequestsPerSecond     the sustained request rate of one site, all its visitors together; 0 for no limit
 * @param siteBurst                 how many requests a site may take at once after a quiet spell
 * @param visitorDecisionsPerMinute how many decisions one visitor of a site may send a minute; 0 for no limit
 * @param trackedClients            how many addresses, sites or visitors each limit remembers at once; beyond, the
 *                                  newest share one bucket until the quiet ones are forgotten
 * @param settingsRefresh           how long a site's key and origins are taken as read: another instance's change
 *                                  is seen here within that time
 */
@ConfigurationProperties("ledger.collect")
public record CollectionProperties(
        @DefaultValue("20") long addressRequestsPerSecond,
        @DefaultValue("60") long addressBurst,
        @DefaultValue("500") long siteRequestsPerSecond,
        @DefaultValue("1000") long siteBurst,
        @DefaultValue("10") long visitorDecisionsPerMinute,
        @DefaultValue("100000") int trackedClients,
        @DefaultValue("30s") Duration settingsRefresh) {
}
