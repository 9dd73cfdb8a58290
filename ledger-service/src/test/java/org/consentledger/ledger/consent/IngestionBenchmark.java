package org.consentledger.ledger.consent;

import java.nio.file.Path;
import java.time.Clock;
import org.consentledger.ledger.CommandLoad;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.ledger.LedgerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion inside the service, without HTTP: single decisions from several threads, then requests of 1,000, both
 * through the writer as the endpoints send them, then how long the read models take to catch up. Isolates the write path from the web layer the HTTP benchmark includes.
 * Run with {@code ./mvnw -pl ledger-service -am verify -Pbenchmark -Dit.test=IngestionBenchmark}; size with
 * {@code -Dbench.events=} (default 100000 batched) and {@code -Dbench.threads=} (default 2).
 */
class IngestionBenchmark {

    static final String SITE = "juleslesmart.opendatasoft.com";

    @TempDir
    Path data;

    @Test
    void ingestion() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        int threads = Integer.getInteger("bench.threads", 2);
        try (LedgerInstance ledger = LedgerInstance.start(data, Clock.systemUTC())) {
            LedgerWriter commands = ledger.bean(LedgerWriter.class);
                        CommandLoad.consents(commands, SITE, "warm", 5_000, 4);
            CommandLoad.batches(commands, SITE, "warmb", 20_000, threads);
            ledger.awaitProjectionsCaughtUp();

            double single = CommandLoad.consents(commands, SITE, "single", 20_000, 4);
            long start = System.nanoTime();
            double batched = CommandLoad.batches(commands, SITE, "batch", events, threads);
            ledger.awaitProjectionsCaughtUp();
            double caughtUp = (System.nanoTime() - start) / 1e9;
            System.out.printf("%n== Ingestion in-process (H2 file) ==%n");
            System.out.printf("single requests, 4 threads: %.0f events/s%n", 20_000 / single);
            System.out.printf("batches of 1000, %d threads: %.0f events/s (%d events in %.2f s)%n",
                    threads, events / batched, events, batched);
            System.out.printf("read models caught up %.2f s after the batches began (%.0f events/s)%n%n",
                    caughtUp, events / caughtUp);
        }
    }
}
