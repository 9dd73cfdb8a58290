package org.consentledger.ledger.evidence;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.consentledger.ledger.CommandLoad;
import org.consentledger.ledger.consent.ConsentWriter;
import org.consentledger.ledger.LedgerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what hashing and chaining every event costs ingestion: the same load with hashing off and on, alternating,
 * in one run. Run with {@code ./mvnw -pl ledger-service -am verify -Pbenchmark}; size with
 * {@code -Dbench.events=} (default 10000 per round) and {@code -Dbench.rounds=} (default 3 of each, after one uncounted round).
 */
class EvidenceBenchmark {

    static final String SITE = "juleslesmart.opendatasoft.com";

    @TempDir
    Path data;

    @Test
    void hashingCostOnIngestion() throws Exception {
        int events = Integer.getInteger("bench.events", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        rate(true, -1, events); // warms the JVM itself, not counted
        for (int round = 0; round < rounds; round++) {
            without.add(rate(false, round, events));
            with.add(rate(true, round, events));
        }
        double off = without.stream().mapToDouble(d -> d).average().orElseThrow();
        double on = with.stream().mapToDouble(d -> d).average().orElseThrow();
        System.out.printf("%n== Evidence benchmark (H2 file, %d consents a round through the command bus, 4 threads) ==%n", events);
        System.out.printf("hashing off: %s events/s (mean %.0f)%n", without, off);
        System.out.printf("hashing on:  %s events/s (mean %.0f)%n", with, on);
        System.out.printf("ingestion cost of hashing and chaining: %.1f%%%n%n", 100 * (off - on) / off);
    }

    private double rate(boolean hashing, int round, int events) throws Exception {
        Path dir = data.resolve((hashing ? "on-" : "off-") + round);
        try (LedgerInstance ledger = LedgerInstance.start(dir, Clock.systemUTC(),
                Map.of("ledger.evidence.hash-events", hashing))) {
            ConsentWriter commands = ledger.bean(ConsentWriter.class);
            CommandLoad.consents(commands, SITE, "warm", 2_000, 4);
            double seconds = CommandLoad.consents(commands, SITE, "bench", events, 4);
            return Math.round(events / seconds);
        }
    }
}
