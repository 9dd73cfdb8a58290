package org.consentledger.ledger.evidence;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.CommandLoad;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.personal.TestSecrets;
import org.consentledger.ledger.write.LedgerWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what hashing and chaining every event costs ingestion, without a switch in the service to turn tamper
 * evidence off: the ledger's own {@link EventChain} timed alone on stored-like events, against the CPU the whole
 * service spends per event on the same kind of load, alternating, in one run. Run with
 * {@code ./mvnw -pl ledger-service -am verify -Pbenchmark -Dit.test=EvidenceBenchmark}; size with
 * {@code -Dbench.events=} (default 10000 a round) and {@code -Dbench.rounds=} (default 3, after one uncounted).
 */
class EvidenceBenchmark {

    static final String SITE = "juleslesmart.opendatasoft.com";

    @TempDir
    Path data;

    @Test
    void hashingCostOnIngestion() throws Exception {
        int events = Integer.getInteger("bench.events", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        try (LedgerInstance ledger = LedgerInstance.start(data, Clock.systemUTC())) {
            LedgerWriter writer = ledger.bean(LedgerWriter.class);
            EventChain chain = ledger.bean(EventChain.class);
            List<Double> hashing = new ArrayList<>();
            List<Double> ingestion = new ArrayList<>();
            for (int round = -1; round < rounds; round++) {
                double hashMicros = hashMicros(chain, events, round);
                double ingestMicros = ingestionCpuMicros(writer, events, round);
                if (round >= 0) { // the first round warms the JVM and is not counted
                    hashing.add(Math.round(hashMicros * 10) / 10.0);
                    ingestion.add(Math.round(ingestMicros * 10) / 10.0);
                }
            }
            double hash = hashing.stream().mapToDouble(d -> d).average().orElseThrow();
            double ingest = ingestion.stream().mapToDouble(d -> d).average().orElseThrow();
            System.out.printf("%n== Evidence benchmark (H2 file, %d consents a round in batches of 1,000) ==%n", events);
            System.out.printf("hashing and chaining alone: %s us per event (mean %.1f)%n", hashing, hash);
            System.out.printf("ingestion, service CPU:     %s us per event (mean %.1f)%n", ingestion, ingest);
            System.out.printf("share of ingestion CPU spent hashing: %.1f%%%n%n", 100 * hash / ingest);
        }
    }

    private static final VisitorStreams STREAMS = TestSecrets.streams();

    /** CPU time of the chain's work per event, on one thread, for events of new streams (no store read). */
    private static double hashMicros(EventChain chain, int events, int round) {
        List<DomainEventMessage<?>> messages = new ArrayList<>(events);
        DataKey key = DataKey.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < events; i++) {
            String visitor = "hash-" + round + "-" + i;
            String eventId = UUID.randomUUID().toString();
            ConsentGiven given = PersonalParts.seal(new ConsentGiven(SITE, 1, now, now, List.of("statistics"),
                    List.of("third-party"), "benchmark", null), new ConsentGivenPersonal(visitor, "c" + i,
                    Map.of("userAgent", "Mozilla/5.0 (X11; Linux x86_64)")), eventId, key);
            messages.add(new GenericDomainEventMessage<>("VisitorConsent", STREAMS.current(SITE, visitor), 0,
                    given, org.axonframework.messaging.MetaData.emptyInstance(), eventId, now));
        }
        var threads = ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();
        chain.link(messages);
        return (threads.getCurrentThreadCpuTime() - started) / 1_000.0 / events;
    }

    /** The whole process's CPU time per event while the writer records consents as the batch endpoint sends them. */
    private static double ingestionCpuMicros(LedgerWriter writer, int events, int round) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long started = os.getProcessCpuTime();
        CommandLoad.batches(writer, SITE, "bench-" + round + "-", events, 2);
        return (os.getProcessCpuTime() - started) / 1_000.0 / events;
    }
}
