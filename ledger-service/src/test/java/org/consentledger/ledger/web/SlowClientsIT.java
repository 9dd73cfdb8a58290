package org.consentledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand clients on one address send their request bodies a byte every two seconds, holding their connections
 * open: health probes and other requests go on being answered, promptly.
 */
class SlowClientsIT {

    static final int SLOW_CLIENTS = 1_000;

    @TempDir
    Path data;

    @Test
    void slowBodiesDoNotStopHealthProbesOrTheApi() throws Exception {
        try (LedgerInstance ledger = LedgerInstance.start(data, new MutableClock(Instant.now()),
                Map.of("server.tomcat.threads.max", 200))) {
            URI base = URI.create(ledger.baseUrl());
            String token = LedgerInstance.generatedToken(data.resolve("keys/access-token"));
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    Socket socket = new Socket(base.getHost(), base.getPort());
                    socket.getOutputStream().write(("POST /api/v1/sites/smartbump.opendatasoft.com/visitors/v" + i
                            + "/consents HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    slow.add(socket);
                }
                Thread trickle = new Thread(() -> trickle(slow), "slow-clients");
                trickle.setDaemon(true);
                trickle.start();
                // Probed once the ledger has met every one of them: what it answers while they stay open.
                Thread.sleep(2_000);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long[] healthMillis = new long[100];
                for (int i = 0; i < healthMillis.length; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                                    URI.create(ledger.baseUrl() + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    healthMillis[i] = (System.nanoTime() - started) / 1_000_000;
                    assertThat(health.statusCode()).isEqualTo(200);
                    Thread.sleep(50);
                }
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(ledger.baseUrl()
                                + "/api/v1/sites/smartbump.opendatasoft.com/policies"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isIn(200, 429);
                Arrays.sort(healthMillis);
                System.out.printf("health with %d slow clients: p50 %d ms, p99 %d ms, max %d ms%n", SLOW_CLIENTS,
                        healthMillis[healthMillis.length / 2], healthMillis[(int) (healthMillis.length * 0.99)],
                        healthMillis[healthMillis.length - 1]);
                trickle.interrupt();
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    private static void trickle(List<Socket> sockets) {
        while (!Thread.currentThread().isInterrupted()) {
            for (Socket socket : sockets) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(' ');
                    out.flush();
                } catch (IOException closedByTheLedger) {
                    // The ledger gave up on this one; the others keep trickling.
                }
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
