package org.consentledger.benchmark;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Point-in-time answers ({@code GET .../consent?at=&asOf=}) for random visitors and instants, closed loop from a
 * few concurrent clients: an auditor's or a back end's questions while nothing else runs.
 */
final class QueryLatency {

    /** @param latency microseconds per answered request of the measured window */
    record Result(int clients, Histogram latency, long errors, Duration measured) {
        double perSecond() {
            return latency.getTotalCount() / (measured.toNanos() / 1e9);
        }
    }

    private final LedgerClient client;
    private final Workload workload;
    private final Instant loadStart;

    /** @param loadStart when the first decision was sent: instants before it mostly have no answer yet */
    QueryLatency(LedgerClient client, Workload workload, Instant loadStart) {
        this.client = client;
        this.workload = workload;
        this.loadStart = loadStart;
    }

    /** Asks as {@link #measure} does, but keeps no figures: time for the service's compiler and caches to settle. */
    void warmUp(int clients, Duration length) throws Exception {
        round(clients, length, 1);
    }

    Result measure(int clients, Duration length) throws Exception {
        return round(clients, length, 2);
    }

    private Result round(int clients, Duration length, int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong errors = new AtomicLong();
        try {
            long end = System.nanoTime() + length.toNanos();
            List<Future<Histogram>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(workload.seed() * 7919 + round * 101L + c);
                futures.add(pool.submit(() -> ask(random, end, errors)));
            }
            Histogram all = new Histogram(3);
            for (Future<Histogram> f : futures) {
                all.add(f.get());
            }
            return new Result(clients, all, errors.get(), length);
        } finally {
            pool.shutdownNow();
        }
    }

    private Histogram ask(SplittableRandom random, long end, AtomicLong errors) throws Exception {
        Histogram latency = new Histogram(3);
        while (System.nanoTime() < end) {
            int visitor = random.nextInt(workload.visitors());
            Workload.Site site = workload.siteOf(visitor);
            // asOf: some moment of the load (not after now, the ledger refuses a future asOf); at: up to 30 days before.
            Instant now = Instant.now().minusSeconds(1);
            Instant asOf = between(random, loadStart, now);
            Instant at = between(random, asOf.minus(Duration.ofDays(30)), asOf);
            long t0 = System.nanoTime();
            HttpResponse<String> answer = client.consent(site.id(), Workload.visitorId(visitor), at, asOf);
            long micros = (System.nanoTime() - t0) / 1_000;
            if (answer.statusCode() == 200) {
                latency.recordValue(micros);
            } else {
                errors.incrementAndGet();
            }
        }
        return latency;
    }

    private static Instant between(SplittableRandom random, Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        return from.plusMillis(random.nextLong(span)).truncatedTo(ChronoUnit.MILLIS);
    }
}
