package org.consentledger.ledger.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateBucketsTest {

    @Test
    void aClientMayMakeItsBurstThenWaits() {
        RateBuckets buckets = new RateBuckets(1, 3, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("10.0.0.1")).isZero();
        }
        Duration wait = buckets.take("10.0.0.1");
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void oneClientsFloodLeavesAnotherItsOwnLimit() {
        RateBuckets buckets = new RateBuckets(1, 2, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 50; i++) {
            buckets.take("flooder");
        }
        assertThat(buckets.take("flooder")).isPositive();
        assertThat(buckets.take("other")).isZero();
        assertThat(buckets.take("other")).isZero();
    }

    @Test
    void noLimitWhenTheRateIsZero() {
        RateBuckets buckets = new RateBuckets(0, 0, Duration.ofSeconds(1), 1);
        for (int i = 0; i < 1_000; i++) {
            assertThat(buckets.take("client-" + i)).isZero();
        }
        assertThat(buckets.tracked()).isZero();
    }

    @Test
    void everNewClientsAreBoundedAndShareABucketBeyondTheBound() {
        RateBuckets buckets = new RateBuckets(1, 1, Duration.ofHours(1), 10);
        for (int i = 0; i < 10; i++) {
            assertThat(buckets.take("client-" + i)).isZero();
        }
        // Every remembered client has used its bucket, so none can be forgotten: newcomers share one.
        assertThat(buckets.take("newcomer-1")).isZero();
        assertThat(buckets.take("newcomer-2")).as("the shared bucket is used up").isPositive();
        assertThat(buckets.tracked()).isEqualTo(11);
    }

    @Test
    void clientsWhoseBucketsAreFullAgainAreForgottenToMakeRoom() {
        AtomicLong nanos = new AtomicLong();
        RateBuckets buckets = new RateBuckets(1, 1, Duration.ofMinutes(1), 2, clock(nanos));
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("b")).isZero();
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        // a and b have their token back, so they are the same as never seen: the newcomers each get their own.
        assertThat(buckets.take("c")).isZero();
        assertThat(buckets.take("d")).isZero();
        assertThat(buckets.take("c")).isPositive();
        assertThat(buckets.tracked()).isEqualTo(2);
    }

    @Test
    void newcomersBeyondTheBoundSweepTheMapAtMostOnceASecond() {
        AtomicLong nanos = new AtomicLong();
        RateBuckets buckets = new RateBuckets(1, 1, Duration.ofMillis(100), 2, clock(nanos));
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("b")).isZero();
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        // The first sweep forgets a and b, full again: c and d each get a bucket of their own.
        assertThat(buckets.take("c")).isZero();
        assertThat(buckets.take("d")).isZero();
        assertThat(buckets.tracked()).isEqualTo(2);
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(buckets.take("e")).as("no sweep within the second: e shares the overflow bucket").isZero();
        assertThat(buckets.take("f")).as("and so does f, whose turn has not come").isPositive();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(buckets.take("g")).as("a second later the full ones are forgotten again").isZero();
        assertThat(buckets.take("g")).isPositive();
    }

    private static TimeMeter clock(AtomicLong nanos) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }
}
