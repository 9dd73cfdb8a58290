package org.consentledger.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.ledger.write.LedgerWriter;

/** Consents for a benchmark, straight into the service from several threads; each load returns the seconds taken. */
public final class CommandLoad {

    private static final int BATCH = 1_000;

    private CommandLoad() {
    }

    /** One request per consent, through the writer as the single endpoint sends it. */
    public static double consents(LedgerWriter writer, String site, String prefix, int events, int threads)
            throws Exception {
        return inParallel(threads, thread -> {
            for (int i = thread; i < events; i += threads) {
                writer.record(consent(site, prefix + (i % 5_000), prefix + "-c" + i), Receipt.class);
            }
        });
    }

    /** Requests of 1,000 consents, as the batch endpoint sends them; a refused consent fails the load. */
    public static double batches(LedgerWriter writer, String site, String prefix, int events, int threads)
            throws Exception {
        return inParallel(threads, thread -> {
            for (int from = thread * BATCH; from < events; from += threads * BATCH) {
                List<GiveConsent> commands = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(from + BATCH, events); i++) {
                    commands.add(consent(site, prefix + (i % 50_000), prefix + "-c" + i));
                }
                writer.record(commands).stream().filter(o -> o.rejection() != null).findFirst().ifPresent(o -> {
                    throw new IllegalStateException("refused: " + o.rejection().getMessage());
                });
            }
        });
    }

    private static GiveConsent consent(String site, String visitor, String consentId) {
        return new GiveConsent(site, visitor, consentId, 1, Instant.now().truncatedTo(ChronoUnit.MICROS),
                List.of("statistics"), List.of("third-party"), "benchmark", Map.of());
    }

    private static double inParallel(int threads, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> work.accept(thread)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }
}
