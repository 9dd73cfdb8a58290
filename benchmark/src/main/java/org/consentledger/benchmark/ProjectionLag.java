package org.consentledger.benchmark;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * How far the read models trail the event store under a steady, open-loop load: decisions are sent on a fixed
 * schedule whether or not earlier ones were answered, as independent visitors do. Two views: the lag gauge, and
 * read-your-write probes (a consent, then its answer polled until it names the consent's event).
 */
final class ProjectionLag {

    static final String READ_MODEL = "read-models";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param readYourWrite microseconds from a probe's 201 to the first answer naming its event; a probe not seen
     *                      (or not recorded) counts as the 30 s timeout
     * @param lagEvents     each processor's gauge samples over the steady window
     * @param drain         from the end of the load until the read model had every event
     */
    record Result(int offeredRate, double acceptedRate, Outcomes outcomes, long skipped, Histogram readYourWrite,
                  long probes, long probesTimedOut, Map<String, Histogram> lagEvents, Duration drain) {
    }

    private final LedgerClient client;
    private final Workload workload;
    private final MetricsSampler metrics;
    /** Batches in flight at most. */
    private static final int IN_FLIGHT = 64;

    private final ServiceProcess service;

    ProjectionLag(LedgerClient client, Workload workload, MetricsSampler metrics, ServiceProcess service) {
        this.client = client;
        this.workload = workload;
        this.metrics = metrics;
        this.service = service;
    }

    Result run(int rate, int seconds, int batchSize, int probeEveryMs) throws Exception {
        Outcomes outcomes = new Outcomes();
        AtomicLong skipped = new AtomicLong();
        // Bounded, so that a service that falls behind shows as skipped load instead of an unbounded client queue.
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        LoadGenerator generator = new LoadGenerator(workload, 10_000, Clock.systemUTC());
        LoadGenerator probeGenerator = new LoadGenerator(workload, 10_001, Clock.systemUTC());
        Histogram readYourWrite = new SynchronizedHistogram(3);
        AtomicLong probes = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();

        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
        // A thread per probe: a bounded pool would queue later probes behind ones still polling, and they would
        // then be submitted after the load, when the read model has caught up, and look fast.
        ExecutorService probing = Executors.newCachedThreadPool();
        long periodNanos = Math.round(batchSize * 1e9 / rate);
        WriterGroups groupsBefore = WriterGroups.scrape(client);
        metrics.startWindow();
        long start = System.nanoTime();
        ticks.scheduleAtFixedRate(() -> {
            List<Decision> batch = generator.batch(batchSize);
            send(inFlight, skipped, batch.size(), () -> client.submitBatchAsync(batch.get(0).siteId(), batch)
                    .whenComplete((r, e) -> complete(outcomes, r, e, batch.size(), inFlight)));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        ticks.scheduleAtFixedRate(() -> {
            Decision probe;
            synchronized (probeGenerator) {
                probe = probeGenerator.probe(probes.incrementAndGet());
            }
            probing.execute(() -> probe(probe, readYourWrite, timedOut));
        }, probeEveryMs, probeEveryMs, TimeUnit.MILLISECONDS);

        Thread.sleep(seconds * 1000L);
        ticks.shutdownNow();
        ticks.awaitTermination(10, TimeUnit.SECONDS);
        inFlight.tryAcquire(IN_FLIGHT, 120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Histogram> lagEvents = metrics.endWindow();
        System.out.println(WriterGroups.scrape(client).since(groupsBefore, elapsed));
        Duration drain = drain();
        probing.shutdown();
        // A probe's submission may take up to the client's 60 s, then it polls for up to PROBE_TIMEOUT.
        probing.awaitTermination(PROBE_TIMEOUT.toSeconds() + 70, TimeUnit.SECONDS);
        service.requireAlive();
        return new Result(rate, outcomes.accepted() / elapsed, outcomes, skipped.get(), readYourWrite, probes.get(),
                timedOut.get(), lagEvents, drain);
    }

    private static void send(Semaphore inFlight, AtomicLong skipped, int size, Runnable request) {
        if (inFlight.tryAcquire()) {
            request.run();
        } else {
            skipped.addAndGet(size);
        }
    }

    private static void complete(Outcomes outcomes, HttpResponse<String> response, Throwable error, int size,
                                 Semaphore inFlight) {
        try {
            if (error != null) {
                outcomes.failure(error, size);
            } else {
                outcomes.batch(response, size);
            }
        } catch (RuntimeException e) {
            outcomes.failure(e, size);
        } finally {
            inFlight.release();
        }
    }

    private void probe(Decision probe, Histogram readYourWrite, AtomicLong timedOut) {
        try {
            HttpResponse<String> receipt = client.submit(probe);
            long acknowledged = System.nanoTime();
            if (receipt.statusCode() != 201) {
                unseen(readYourWrite, timedOut);
                return;
            }
            String eventId = LedgerClient.JSON.readTree(receipt.body()).path("eventId").asString();
            String namesEvent = "\"decidedBy\":\"" + eventId + "\"";
            long deadline = acknowledged + PROBE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> answer = client.consent(probe.siteId(), probe.visitorId(), null, null);
                if (answer.statusCode() == 200 && answer.body().contains(namesEvent)) {
                    readYourWrite.recordValue((System.nanoTime() - acknowledged) / 1_000);
                    return;
                }
                // Every 5 ms at first, then a tenth of the time waited so far: fine where it matters, and a read
                // model that is far behind is not also flooded with polls.
                long waitedMillis = (System.nanoTime() - acknowledged) / 1_000_000;
                Thread.sleep(Math.min(100, Math.max(5, waitedMillis / 10)));
            }
            unseen(readYourWrite, timedOut);
        } catch (Exception e) {
            unseen(readYourWrite, timedOut);
        }
    }

    /** A probe never seen counts as the timeout, so that percentiles say "at least that" instead of ignoring it. */
    private static void unseen(Histogram readYourWrite, AtomicLong timedOut) {
        timedOut.incrementAndGet();
        readYourWrite.recordValue(PROBE_TIMEOUT.toNanos() / 1_000);
    }

    /** Waits until the read model has handled every event in the store; the time it took, or null after 5 min. */
    private Duration drain() throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5)) {
            service.requireAlive();
            if (Replay.caughtUp(client.projections(), -1)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        return null;
    }
}
