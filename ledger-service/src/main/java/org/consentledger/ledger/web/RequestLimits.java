package org.consentledger.ledger.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be, by what it records: whatever is accepted must fit every column and read model
 * that will hold it, and a client must not be able to make the ledger read without end.
 *
 * @param maxBody       a consent, a withdrawal, and anything not named below
 * @param maxBatchBody  a batch of up to 1,000 decisions
 * @param maxPolicyBody a policy version, as JSON or as an imported page
 * @param maxNoticeBody a notice, with its files (a screenshot, a script) in base64
 * @param maxCollectBody a decision a browser sends to the public collection endpoint
 * @param maxBodyTime   how long a client may take to send a body: a slow one holds a worker thread meanwhile
 * @param maxRequestsPerClient requests one client address may have in progress at once (0: no limit), so that slow
 *                      clients on one address cannot hold every worker thread; health probes do not count
 */
@ConfigurationProperties("ledger.http")
public record RequestLimits(
        @DefaultValue("64KB") DataSize maxBody,
        @DefaultValue("4MB") DataSize maxBatchBody,
        @DefaultValue("1MB") DataSize maxPolicyBody,
        @DefaultValue("8MB") DataSize maxNoticeBody,
        @DefaultValue("16KB") DataSize maxCollectBody,
        @DefaultValue("10s") Duration maxBodyTime,
        @DefaultValue("32") int maxRequestsPerClient) {

    long limitFor(String path) {
        if (path.startsWith("/api/v1/collect/")) {
            return maxCollectBody.toBytes();
        }
        if (path.endsWith("/consents:batch")) {
            return maxBatchBody.toBytes();
        }
        if (path.contains("/policies/")) {
            return maxPolicyBody.toBytes();
        }
        if (path.contains("/notices/")) {
            return maxNoticeBody.toBytes();
        }
        return maxBody.toBytes();
    }
}
