package org.consentledger.benchmark;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** How the ledger answered the decisions of a phase: recorded, replayed, refused, or not answered. */
final class Outcomes {

    private static final int SAMPLES = 5;

    final AtomicLong created = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final Queue<String> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sampled = new AtomicInteger();

    /** Accepted means durably in the ledger: 201 new, 200 an identical resubmission. */
    long accepted() {
        return created.get() + replayed.get();
    }

    long submitted() {
        return accepted() + rejected.get() + failed.get();
    }

    void single(HttpResponse<String> response) {
        status(response.statusCode(), response.body());
    }

    void single(KeepAliveConnection.Response response) {
        status(response.status(), response.body());
    }

    /** {@code {"results":[{"status":201,"receipt":{...}}, {"status":422,"problem":{...}}, ...]}} in request order. */
    void batch(HttpResponse<String> response, int size) {
        if (response.statusCode() != 200) {
            for (int i = 0; i < size; i++) {
                status(response.statusCode(), response.body());
            }
            return;
        }
        JsonNode results = LedgerClient.JSON.readTree(response.body()).path("results");
        if (results.size() != size) {
            failed.addAndGet(size);
            sample("batch of " + size + " answered " + results.size() + " results");
            return;
        }
        for (JsonNode result : results) {
            int status = result.path("status").asInt();
            status(status, status / 100 == 2 ? "" : result.path("problem").toString());
        }
    }

    void failure(Throwable e, int size) {
        failed.addAndGet(size);
        sample(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    List<String> samples() {
        return List.copyOf(samples);
    }

    /** Refused valid data means the generator (or the ledger) is wrong: the figures would not mean anything. */
    void requireFewProblems(String phase) {
        long bad = rejected.get() + failed.get();
        if (bad > Math.max(10, submitted() / 1000)) {
            throw new IllegalStateException("%s: %,d of %,d decisions refused or failed (generated data should all be accepted); e.g.%n  %s"
                    .formatted(phase, bad, submitted(), String.join("\n  ", samples())));
        }
    }

    String describe() {
        return "%,d recorded (201), %,d replayed (200), %,d refused, %,d failed"
                .formatted(created.get(), replayed.get(), rejected.get(), failed.get());
    }

    private void status(int status, String body) {
        if (status == 201) {
            created.incrementAndGet();
        } else if (status == 200) {
            replayed.incrementAndGet();
        } else {
            (status >= 400 && status < 500 ? rejected : failed).incrementAndGet();
            sample(status + " " + body);
        }
    }

    private void sample(String text) {
        if (sampled.getAndIncrement() < SAMPLES) {
            samples.add(text.length() > 400 ? text.substring(0, 400) + "..." : text);
        }
    }
}
