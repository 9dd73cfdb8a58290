package org.consentledger.ledger.collect;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per client (an address, a site, a visitor), kept only while it matters: a full bucket is the same
 * as none, so full ones are forgotten whenever the map reaches its bound, and clients beyond the bound share one.
 * A flood from ever new addresses therefore costs a bounded amount of memory, never every other client's limit;
 * and at most one sweep of the map a second, so that newcomers beyond the bound do not each pay for one.
 */
final class RateBuckets {

    private static final String OVERFLOW = "\u0000overflow";
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final Bandwidth bandwidth;
    private final int bound;
    private final TimeMeter time;
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perPeriod how many per {@code period}, and as many at once; 0 for no limit */
    RateBuckets(long perPeriod, long burst, Duration period, int bound) {
        this(perPeriod, burst, period, bound, TimeMeter.SYSTEM_NANOTIME);
    }

    RateBuckets(long perPeriod, long burst, Duration period, int bound, TimeMeter time) {
        this.time = time;
        this.bandwidth = perPeriod <= 0 ? null : Bandwidth.builder().capacity(Math.max(burst, 1))
                .refillGreedy(perPeriod, period).build();
        this.bound = bound;
    }

    /** @return zero when {@code client} may go on, else how long until it may */
    Duration take(String client) {
        if (bandwidth == null) {
            return Duration.ZERO;
        }
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= bound) {
                sweep();
            }
            bucket = buckets.computeIfAbsent(buckets.size() >= bound ? OVERFLOW : client,
                    c -> Bucket.builder().withCustomTimePrecision(time).addLimit(bandwidth).build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** How many clients are remembered now. */
    int tracked() {
        return buckets.size();
    }

    private void sweep() {
        long now = time.currentTimeNanos();
        long last = lastSweep.get();
        if ((last == Long.MIN_VALUE || now - last >= SWEEP_EVERY_NANOS) && lastSweep.compareAndSet(last, now)) {
            forgetFull();
        }
    }

    private void forgetFull() {
        buckets.entrySet().removeIf(e -> !e.getKey().equals(OVERFLOW)
                && e.getValue().getAvailableTokens() >= bandwidth.getCapacity());
    }
}
