package org.consentledger.benchmark;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Visitors' browsers recording one decision a request at the public collection endpoint, as banners do: many
 * keep-alive clients, no token, the site's publishable key, each visitor from an address of its own (given as a
 * proxy gives it, in {@code X-Forwarded-For}), so that the ledger's per-address limits stay on as in production.
 */
final class Collection {

    static final String ORIGIN = "https://shop.example";
    private static final AtomicLong CLIENTS = new AtomicLong(1_000);

    /** @param latency microseconds per request, answered or not */
    record Result(Outcomes outcomes, Histogram latency, Duration elapsed) {
        double perSecond() {
            return outcomes.accepted() / (elapsed.toNanos() / 1e9);
        }
    }

    private final LedgerClient client;
    private final Workload workload;
    private final ServiceProcess service;
    private final Map<String, String> keys;

    private Collection(LedgerClient client, Workload workload, ServiceProcess service, Map<String, String> keys) {
        this.client = client;
        this.workload = workload;
        this.service = service;
        this.keys = keys;
    }

    /** Lets every site of the run collect from {@link #ORIGIN}, as an admin does once. */
    static Collection enable(LedgerClient client, Workload workload, ServiceProcess service) throws Exception {
        Map<String, String> keys = new HashMap<>();
        for (Workload.Site site : workload.sites()) {
            keys.put(site.id(), client.allowCollection(site.id(), List.of(ORIGIN)));
        }
        return new Collection(client, workload, service, keys);
    }

    /** Closed loop: each client sends its next decision when the previous one was answered. */
    Result run(int clients, long decisions) throws Exception {
        AtomicLong remaining = new AtomicLong(decisions);
        return run(clients, () -> remaining.getAndDecrement() > 0);
    }

    /** The same load for a while, to be left out of the figures. */
    Result warm(int clients, Duration time) throws Exception {
        long end = System.nanoTime() + time.toNanos();
        return run(clients, () -> System.nanoTime() < end);
    }

    private Result run(int clients, BooleanSupplier more) throws Exception {
        Outcomes outcomes = new Outcomes();
        Histogram latency = new ConcurrentHistogram(3);
        Duration elapsed = Ingestion.run(clients, outcomes, () -> {
            LoadGenerator generator = new LoadGenerator(workload, (int) CLIENTS.incrementAndGet(),
                    Clock.systemUTC());
            try (KeepAliveConnection connection = connect()) {
                while (more.getAsBoolean()) {
                    Decision d = generator.next();
                    long start = System.nanoTime();
                    try {
                        KeepAliveConnection.Response response = post(connection, d.siteId(), d,
                                address(d.visitorId()));
                        latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                        outcomes.single(response);
                    } catch (IOException e) {
                        outcomes.failure(e, 1);
                        service.requireAlive();
                    }
                }
            }
            return null;
        });
        return new Result(outcomes, latency, elapsed);
    }

    /** A connection of the kind a browser keeps to the ledger. */
    KeepAliveConnection connect() {
        return new KeepAliveConnection(client.base());
    }

    /** Sends the decision to {@code siteId}, its own site or, as a flood at one site does, another. */
    KeepAliveConnection.Response post(KeepAliveConnection connection, String siteId, Decision d, String address)
            throws IOException {
        byte[] body = browserBody(d, keys.get(siteId)).getBytes(StandardCharsets.UTF_8);
        return connection.post("/api/v1/collect/" + siteId, LedgerClient.browserHeaders(ORIGIN, address), body);
    }

    CompletableFuture<HttpResponse<String>> sendAsync(Decision d, String address) {
        return client.collectAsync(d.siteId(), browserBody(d, keys.get(d.siteId())), ORIGIN, address);
    }

    /**
     * The decision as a browser sends it: with the key, and without the user agent in its evidence, which the
     * ledger takes from the request itself.
     */
    static String browserBody(Decision d, String key) {
        String body = d.body().replaceFirst("\"userAgent\":\"[^\"]*\",", "");
        return "{\"key\":\"" + key + "\",\"visitorId\":\"" + d.visitorId() + "\",\""
                + (d.withdrawal() ? "withdrawal" : "consent") + "\":" + body + "}";
    }

    /** A documentation-range address of the visitor's own, the same for each of its requests. */
    static String address(String visitorId) {
        int h = visitorId.hashCode();
        return "10." + ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + (h & 0xff);
    }
}
