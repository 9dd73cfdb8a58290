package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentledger.ledger.LedgerInstance.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The disk under an H2 ledger fills up while banners keep sending consents. The ledger must say so (readiness DOWN),
 * stop rather than linger half-alive once its database has closed itself, answer nobody 500, and after a restart on
 * a disk with room hold every acknowledged consent exactly once; a consent whose outcome it could not confirm is
 * settled by sending it again. Needs a small file system of its own ({@code -Dledger.test.small-disk=}, a tmpfs that
 * {@code .ci/run} mounts); the database is H2 there whichever database the rest of the suite uses.
 */
class DiskFullIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";
    static final int WRITERS = 4;

    @TempDir
    Path work;

    record Sent(String visitor, String body) {
    }

    @Test
    void aFullDiskTurnsTheLedgerUnreadyAndAfterARestartEveryAcknowledgedConsentIsThereOnce() throws Exception {
        String smallDisk = System.getProperty("ledger.test.small-disk", "");
        assumeThat(smallDisk).as("a small file system of its own (-Dledger.test.small-disk)").isNotBlank();
        assumeThat(System.getProperty("ledger.test.database")).as("H2 only").isNull();
        Path data = Files.createTempDirectory(Path.of(smallDisk), "ledger-");
        Path filler = data.resolveSibling(data.getFileName() + ".filler");
        List<String> settings = List.of("--ledger.store.probe-every=PT0.5S");

        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // consentId -> eventId
        Map<String, Sent> unknown = new ConcurrentHashMap<>();
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        List<String> readiness = new CopyOnWriteArrayList<>();
        LedgerProcess server = LedgerProcess.start(data, work.resolve("first"), settings);
        try {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Thread writer = new Thread(() -> {
                    while (sending.get()) {
                        int n = next.getAndIncrement();
                        String id = "c-" + n;
                        Sent one = new Sent("v-" + (n % 40), """
                                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                                 "denied": []}""".formatted(id, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                        sent.put(id, one);
                        try {
                            Response answer = server.send("POST", SITE + "/visitors/" + one.visitor() + "/consents",
                                    one.body());
                            if (answer.status() == 201 || answer.status() == 200) {
                                acknowledged.put(id, answer.json().get("eventId").asString());
                            } else if (answer.status() == 503) {
                                unknown.put(id, one);
                            } else {
                                unexpected.add(answer.toString());
                            }
                        } catch (HttpTimeoutException e) {
                            unexpected.add(id + " hung: " + e);
                        } catch (IOException | InterruptedException refused) {
                            unknown.put(id, one); // the connection went as the process ended
                            sleep(50);
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            Thread.sleep(2_000);
            fill(filler);
            long filled = System.nanoTime();
            Integer exit = null;
            while (exit == null && System.nanoTime() - filled < Duration.ofSeconds(60).toNanos()) {
                try {
                    readiness.add(server.send("GET", "/actuator/health/readiness", null).status() + "");
                } catch (IOException closing) {
                    readiness.add("closed: " + closing);
                }
                exit = server.awaitExit(Duration.ofMillis(100));
            }
            sending.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(exit).as("the ledger exits for a restart once H2 has closed its database:\n" + server.logTail())
                    .isEqualTo(75);
            assertThat(readiness).as("readiness after the disk filled:\n" + server.logTail()).contains("503");
            assertThat(unexpected).as("answers other than 200, 201 or 503").isEmpty();
            assertThat(acknowledged).isNotEmpty();
        } finally {
            sending.set(false);
            server.close();
            Files.deleteIfExists(filler);
        }

        System.out.printf("Disk full: %d consents sent, %d acknowledged, %d unknown or refused%n", sent.size(),
                acknowledged.size(), unknown.size());
        try (LedgerProcess restarted = LedgerProcess.start(data, work.resolve("second"), settings)) {
            for (Map.Entry<String, Sent> again : unknown.entrySet()) {
                Response answer = restarted.send("POST", SITE + "/visitors/" + again.getValue().visitor()
                        + "/consents", again.getValue().body());
                assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
                acknowledged.put(again.getKey(), answer.json().get("eventId").asString());
            }
            Map<String, List<String>> stored = new ConcurrentHashMap<>();
            Set<String> visitors = Set.copyOf(sent.values().stream().map(Sent::visitor).toList());
            for (String visitor : visitors) {
                for (JsonNode event : restarted.send("GET", SITE + "/visitors/" + visitor + "/events", null).json()
                        .get("events")) {
                    stored.computeIfAbsent(event.get("consentId").asString(), id -> new ArrayList<>())
                            .add(event.get("eventId").asString());
                }
            }
            acknowledged.forEach((consentId, eventId) ->
                    assertThat(stored.get(consentId)).as("consent " + consentId).containsExactly(eventId));
            assertThat(stored.values()).allSatisfy(events -> assertThat(events).hasSize(1));
            Response audit = restarted.send("POST", "/api/v1/audit/verify", null);
            assertThat(audit.json().get("intact").asBoolean()).as(audit.toString()).isTrue();
        }
    }

    /** Writes until the file system has no room left. */
    private static void fill(Path filler) {
        byte[] block = new byte[256 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left: the point
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
