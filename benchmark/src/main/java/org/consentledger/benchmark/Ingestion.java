package org.consentledger.benchmark;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Durable ingestion, closed loop: each client sends its next request when the previous one was answered. */
final class Ingestion {

    /** Gives each client thread its own generator. */
    private static final AtomicLong CLIENTS = new AtomicLong();

    record Result(String endpoint, Outcomes outcomes, Duration elapsed) {
        double perSecond() {
            return outcomes.accepted() / (elapsed.toNanos() / 1e9);
        }

        String describe() {
            return "%s: %,.0f events/s (%s in %.1f s)".formatted(endpoint, perSecond(), outcomes.describe(),
                    elapsed.toNanos() / 1e9);
        }
    }

    private final LedgerClient client;
    private final Workload workload;
    private final ServiceProcess service;

    Ingestion(LedgerClient client, Workload workload, ServiceProcess service) {
        this.client = client;
        this.workload = workload;
        this.service = service;
    }

    /** One decision a request to {@code /visitors/{v}/consents} or {@code /withdrawals}. */
    Result single(int clients, long events) throws Exception {
        AtomicLong remaining = new AtomicLong(events);
        Outcomes outcomes = new Outcomes();
        Duration elapsed = run(clients, outcomes, () -> {
            LoadGenerator generator = generator();
            while (remaining.getAndDecrement() > 0) {
                Decision d = generator.next();
                try {
                    outcomes.single(client.submit(d));
                } catch (IOException e) {
                    outcomes.failure(e, 1);
                    service.requireAlive();
                }
            }
            return null;
        });
        return new Result("single endpoint, " + clients + " clients", outcomes, elapsed);
    }

    /** Batches to {@code /sites/{s}/consents:batch}. */
    Result batch(int clients, int batchSize, long events) throws Exception {
        long start = System.nanoTime();
        Outcomes outcomes = new Outcomes();
        AtomicLong remaining = new AtomicLong(events);
        run(clients, outcomes, () -> {
            LoadGenerator generator = generator();
            while (true) {
                long left = remaining.getAndAdd(-batchSize);
                if (left <= 0) {
                    return null;
                }
                List<Decision> batch = generator.batch((int) Math.min(batchSize, left));
                try {
                    outcomes.batch(client.submitBatch(batch.get(0).siteId(), batch), batch.size());
                } catch (IOException e) {
                    outcomes.failure(e, batch.size());
                    service.requireAlive();
                }
            }
        });
        return new Result("batch endpoint, " + clients + " clients x " + batchSize, outcomes,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private LoadGenerator generator() {
        return new LoadGenerator(workload, (int) CLIENTS.incrementAndGet(), Clock.systemUTC());
    }

    /** Runs {@code work} on every client thread and prints progress every 15 s, as a fill takes minutes. */
    static Duration run(int clients, Outcomes outcomes, Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        try {
            long start = System.nanoTime();
            progress.scheduleAtFixedRate(() -> System.out.printf("  ... %,d accepted, %,.0f/s%n", outcomes.accepted(),
                    outcomes.accepted() / ((System.nanoTime() - start) / 1e9)), 15, 15, TimeUnit.SECONDS);
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(work));
            }
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            progress.shutdownNow();
            pool.shutdownNow();
        }
    }
}
