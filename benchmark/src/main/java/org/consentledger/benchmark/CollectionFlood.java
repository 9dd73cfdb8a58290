package org.consentledger.benchmark;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Whether a flood slows anyone else: banners of the other sites send decisions at a steady rate and an auditor asks
 * for answers, first alone, then while one address floods the collection endpoint and many addresses flood one
 * site. Latency is taken from when each decision was due, so a stalled service counts in full.
 */
final class CollectionFlood {

    /** @param latency microseconds, from when each request was due */
    record Window(Histogram collection, long accepted, long failed, Histogram answers, long floodSent,
                  long floodRefused) {
    }

    private static final String FLOODING_ADDRESS = "198.51.100.7";

    private final LedgerClient client;
    private final Workload workload;
    private final Collection collection;

    CollectionFlood(LedgerClient client, Workload workload, Collection collection) {
        this.client = client;
        this.workload = workload;
        this.collection = collection;
    }

    Window window(int rate, Duration length, boolean flood) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong floodSent = new AtomicLong();
        AtomicLong floodRefused = new AtomicLong();
        Histogram answers = new ConcurrentHistogram(3);
        ExecutorService threads = Executors.newCachedThreadPool();
        List<CompletableFuture<Void>> background = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                int seed = i;
                background.add(CompletableFuture.runAsync(() -> ask(seed, running, answers), threads));
            }
            if (flood) {
                for (int i = 0; i < 8; i++) {
                    int seed = i;
                    background.add(CompletableFuture.runAsync(() -> flood(seed, true, running, floodSent,
                            floodRefused), threads));
                    background.add(CompletableFuture.runAsync(() -> flood(seed, false, running, floodSent,
                            floodRefused), threads));
                }
            }
            // Each window its own banners: the same submission ids again would be refused as reused.
            Window steady = steady(rate, length, flood ? 9_001 : 9_000);
            running.set(false);
            CompletableFuture.allOf(background.toArray(CompletableFuture[]::new)).join();
            return new Window(steady.collection(), steady.accepted(), steady.failed(), answers, floodSent.get(),
                    floodRefused.get());
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
    }

    /** The other sites' banners: {@code rate} decisions a second, each due at its time whatever came before. */
    private Window steady(int rate, Duration length, int banners) throws Exception {
        LoadGenerator generator = new LoadGenerator(workload, banners, Clock.systemUTC());
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        long start = System.nanoTime();
        long count = rate * length.toSeconds();
        for (long i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Decision d = generator.next();
            while (d.siteId().equals(floodedSite())) {
                d = generator.next();
            }
            sent.add(collection.sendAsync(d, Collection.address(d.visitorId())).handle((response, error) -> {
                latency.recordValue(Math.max(1, (System.nanoTime() - due) / 1_000));
                if (error == null && response.statusCode() / 100 == 2) {
                    accepted.incrementAndGet();
                } else if (failed.getAndIncrement() == 0) {
                    System.out.println("  first failure: " + (error != null ? error
                            : response.statusCode() + " " + response.body()));
                }
                return null;
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        return new Window(latency, accepted.get(), failed.get(), null, 0, 0);
    }

    private String floodedSite() {
        return workload.sites().get(0).id();
    }

    /**
     * From one address at any site, or from ever new addresses at one site, as fast as the service answers; on
     * connections of the benchmark's own lean client, so that the flood's cost to the two cores is mostly the
     * service's.
     */
    private void flood(int seed, boolean oneAddress, AtomicBoolean running, AtomicLong sent, AtomicLong refused) {
        LoadGenerator generator = new LoadGenerator(workload, 9_100 + seed * 2 + (oneAddress ? 1 : 0),
                Clock.systemUTC());
        SplittableRandom random = new SplittableRandom(seed);
        try (KeepAliveConnection connection = collection.connect()) {
            while (running.get()) {
                Decision d = generator.next();
                try {
                    KeepAliveConnection.Response response = oneAddress
                            ? collection.post(connection, d.siteId(), d, FLOODING_ADDRESS)
                            : collection.post(connection, floodedSite(), d, "203.0." + random.nextInt(256) + "."
                            + random.nextInt(256));
                    if (response.status() == 429) {
                        refused.incrementAndGet();
                    }
                } catch (IOException e) {
                    // Counted as sent: a flood does not wait for answers it did not get.
                }
                sent.incrementAndGet();
            }
        }
    }

    /** An auditor's questions over the authenticated API, closed loop. */
    private void ask(int seed, AtomicBoolean running, Histogram latency) {
        SplittableRandom random = new SplittableRandom(seed);
        while (running.get()) {
            int visitor = random.nextInt(workload.visitors());
            long t0 = System.nanoTime();
            try {
                client.consent(workload.siteOf(visitor).id(), Workload.visitorId(visitor), null, null);
                latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
            } catch (Exception e) {
                latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
            }
        }
    }

    static String describe(String name, Window w) {
        Histogram c = w.collection();
        Histogram a = w.answers();
        return ("%s: other sites' decisions p50 %.2f p99 %.2f max %.2f ms (%,d accepted, %,d failed); answers p50 "
                + "%.2f p99 %.2f ms (%,d); flood %,d requests, %,d refused (429)").formatted(name,
                c.getValueAtPercentile(50) / 1e3, c.getValueAtPercentile(99) / 1e3, c.getMaxValue() / 1e3,
                w.accepted(), w.failed(), a.getValueAtPercentile(50) / 1e3, a.getValueAtPercentile(99) / 1e3,
                a.getTotalCount(), w.floodSent(), w.floodRefused());
    }
}
