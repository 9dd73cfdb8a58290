package org.consentledger.benchmark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Scrapes {@code /actuator/prometheus} for the whole run: the service's used heap, and each event processor's lag
 * ({@code ledger_processor_lag_events}: events in the store the processor has not handled yet). Every 200 ms while a
 * lag window is open, every second otherwise. Only the three metrics it reads are asked for: a whole scrape costs
 * the service real work (every gauge is read, every series formatted): at 200 ms, in a profile of the steady load,
 * 52 samples against the writer's 120.
 */
final class MetricsSampler implements AutoCloseable {

    static final String LAG = "ledger_processor_lag_events";
    private static final String HEAP = "jvm_memory_used_bytes";
    private static final String LIVE_DATA = "jvm_gc_live_data_size_bytes";

    private final LedgerClient client;
    private final ServiceProcess service;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Double> lag = new ConcurrentHashMap<>();
    private volatile Map<String, Histogram> window;
    private volatile double heapUsed = Double.NaN;
    private volatile double heapPeak;
    private volatile double liveData = Double.NaN;
    private volatile long scrapes;
    private volatile long lastScrape;
    private volatile long failures;

    MetricsSampler(LedgerClient client, ServiceProcess service) {
        this.client = client;
        this.service = service;
    }

    MetricsSampler start() {
        scheduler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Starts collecting every processor's lag samples, until {@link #endWindow()}. */
    void startWindow() {
        window = new ConcurrentHashMap<>();
    }

    Map<String, Histogram> endWindow() {
        Map<String, Histogram> w = window;
        window = null;
        return w;
    }

    double lag(String processor) {
        return lag.getOrDefault(processor, Double.NaN);
    }

    double heapUsed() {
        return heapUsed;
    }

    double heapPeak() {
        return heapPeak;
    }

    /** G1's live data after its last collection: what the heap retains, without garbage not yet collected. */
    double liveData() {
        return liveData;
    }

    String describeScrapes() {
        return "%,d scrapes, %,d failed".formatted(scrapes, failures);
    }

    private void sample() {
        long now = System.nanoTime();
        if (!service.alive() || (window == null && now - lastScrape < TimeUnit.SECONDS.toNanos(1))) {
            return;
        }
        lastScrape = now;
        try {
            String text = client.prometheus(List.of(HEAP, LIVE_DATA, LAG));
            double heap = PrometheusText.sum(text, HEAP, "area", "heap");
            heapUsed = heap;
            heapPeak = Math.max(heapPeak, heap);
            double live = PrometheusText.sum(text, LIVE_DATA, null, null);
            if (live > 0) {
                liveData = live;
            }
            Map<String, Histogram> w = window;
            for (PrometheusText.Series s : PrometheusText.series(text, LAG)) {
                String processor = s.labels().get("processor");
                lag.put(processor, s.value());
                if (w != null) {
                    w.computeIfAbsent(processor, p -> new Histogram(3)).recordValue((long) s.value());
                }
            }
            scrapes++;
        } catch (Exception e) {
            failures++;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
