package org.consentledger.ledger.access;

import org.springframework.boot.context.properties.bind.DefaultValue;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests each access key may make: a token bucket per key, of {@code burst} requests refilled at
 * {@code requestsPerSecond}, so that one key (a runaway client, a leaked token) cannot take the ledger from every
 * other. Per instance: with several instances behind a balancer, a key may make that many on each.
 */
class KeyRateLimits {

    /**
     * @param requestsPerSecond the sustained rate of one key; 0 for no limit
     * @param burst             how many requests a key may make at once after a quiet spell
     */
    @ConfigurationProperties("ledger.access.rate-limit")
    record Properties(@DefaultValue("500") long requestsPerSecond, @DefaultValue("1000") long burst) {
    }

    private final Properties properties;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    KeyRateLimits(Properties properties) {
        this.properties = properties;
    }

    /** @return zero when the key may make this request, else how long until it may make the next */
    Duration take(String key) {
        if (properties.requestsPerSecond() <= 0) {
            return Duration.ZERO;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key, k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(Math.max(properties.burst(), 1))
                                .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1)))
                        .build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
}
