package org.consentledger.benchmark;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The evidence bundle's latency once the ledger is full: for a fresh visitor given {@code events} consents (sent in
 * batches of up to 1,000, as a flood of one visitor's decisions arrives), the time to answer
 * {@code GET .../evidence}, one request at a time.
 */
final class EvidenceLatency {

    private static final int BATCH = 1_000;

    private final LedgerClient client;
    private final Workload.Site site;
    private final String runTag;

    /**
     * @param latency microseconds per bundle
     * @param bytes   the size of the last bundle
     */
    record Result(int events, Histogram latency, long bytes, long errors) {
    }

    EvidenceLatency(LedgerClient client, Workload.Site site, String runTag) {
        this.client = client;
        this.site = site;
        this.runTag = runTag;
    }

    Result measure(int events, int warmups, int requests) throws Exception {
        String visitor = "evidence-" + events + "-" + runTag;
        Instant occurred = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        for (int from = 0; from < events; from += BATCH) {
            List<Decision> batch = new ArrayList<>();
            for (int i = from; i < Math.min(events, from + BATCH); i++) {
                String id = visitor + "-" + i;
                batch.add(new Decision(site.id(), visitor, false, id, """
                        {"consentId":"%s","policyVersion":1,"occurredAt":"%s","granted":["statistics"],"denied":[]}"""
                        .formatted(id, occurred), false));
            }
            HttpResponse<String> answer = client.submitBatch(site.id(), batch);
            if (answer.statusCode() != 200 || answer.body().contains("\"status\":4")) {
                throw new IllegalStateException("recording the evidence visitor's consents: " + answer.statusCode()
                        + " " + answer.body().substring(0, Math.min(500, answer.body().length())));
            }
        }
        Thread.sleep(1_000);
        Instant asOf = Instant.now();
        Histogram latency = new Histogram(3);
        long errors = 0;
        long bytes = 0;
        for (int i = 0; i < warmups + requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> bundle = client.evidence(site.id(), visitor, asOf, asOf);
            long micros = (System.nanoTime() - started) / 1_000;
            if (bundle.statusCode() != 200) {
                errors++;
                System.out.printf("evidence bundle answered %d: %s%n", bundle.statusCode(),
                        bundle.body().substring(0, Math.min(300, bundle.body().length())));
            } else if (i >= warmups) {
                latency.recordValue(micros);
                bytes = bundle.body().length();
            }
        }
        return new Result(events, latency, bytes, errors);
    }
}
