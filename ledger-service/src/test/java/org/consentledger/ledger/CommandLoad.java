package org.consentledger.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.consentledger.api.consent.GiveConsent;

/** Consents for a benchmark, straight through the command bus from several threads; returns the seconds taken. */
public final class CommandLoad {

    private CommandLoad() {
    }

    public static double consents(CommandGateway commands, String site, String prefix, int events, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < events; i += threads) {
                        commands.sendAndWait(new GiveConsent(site, prefix + (i % 5_000), prefix + "-c" + i, 1,
                                Instant.now().truncatedTo(ChronoUnit.MICROS), List.of("statistics"),
                                List.of("third-party"), "benchmark", Map.of()));
                    }
                }));
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
