package org.consentledger.ledger;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service run as an operating-system process of its own, on the same database and signing key as
 * {@link LedgerInstance}s started on the same directory, so that a test can kill it the way a crashed server dies:
 * no shutdown hook, no claims handed back.
 */
public final class LedgerProcess implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The token the ledger made on its first start, read once it is ready. */
    private String token;

    private LedgerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the service and waits until it reports ready. */
    public static LedgerProcess start(Path dataDirectory) throws IOException, InterruptedException {
        return start(dataDirectory, Files.createTempDirectory(dataDirectory, "process-"), List.of());
    }

    /**
     * Starts the service with its database and keys in {@code dataDirectory}, its log and working files in
     * {@code workDirectory} and these command-line settings, and waits until it reports ready.
     */
    public static LedgerProcess start(Path dataDirectory, Path workDirectory, List<String> settings)
            throws IOException, InterruptedException {
        String jar = System.getProperty("ledger.test.service-jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the packaged service is needed (ledger.test.service-jar): " + jar);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(workDirectory);
        Path tokenFile = dataDirectory.resolve("keys/access-token").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar,
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--ledger.evidence.signing-key-file="
                        + dataDirectory.resolve("keys/checkpoint.pem").toAbsolutePath(),
                "--ledger.access.token-file=" + tokenFile,
                "--ledger.personal-data.key-file=" + dataDirectory.resolve("keys/personal-data.keys").toAbsolutePath()));
        TestDatabase.forDirectory(dataDirectory).forEach((key, value) -> command.add("--" + key + "=" + value));
        command.addAll(settings);
        Path log = workDirectory.resolve("service.log");
        Process process = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LedgerProcess started = new LedgerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        started.awaitReady();
        started.token = LedgerInstance.generatedToken(tokenFile);
        return started;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service process ended on start:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> readiness = http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (readiness.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the service process was not ready within 2 minutes:\n" + Files.readString(log));
    }

    /** A request with the token the ledger made on its first start; {@code json} null for none. */
    public LedgerInstance.Response send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(30))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return LedgerInstance.Response.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Replays the read models and waits until they hold every event again. A replay is refused (503, Retry-After)
     * while the processor's token is still claimed by a killed run before this one: it is asked again until that
     * claim lapses.
     */
    public void replayReadModels() throws IOException, InterruptedException {
        LedgerInstance.Response replay = send("POST", "/api/v1/admin/projections/replay", null);
        for (int tries = 0; replay.status() == 503 && replay.retryAfter() != null && tries < 60; tries++) {
            Thread.sleep(500);
            replay = send("POST", "/api/v1/admin/projections/replay", null);
        }
        if (replay.status() != 202) {
            throw new IllegalStateException("the replay was refused: " + replay);
        }
        awaitReadModelsCaughtUp();
    }

    /**
     * Waits until no read model replays any more and each holds every event the store held (after a replay was asked
     * for, its reset has already put them behind).
     */
    public void awaitReadModelsCaughtUp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            var status = send("GET", "/api/v1/admin/projections", null).json();
            long head = status.get("head").asLong();
            if (status.get("projections").valueStream()
                    .allMatch(p -> !p.get("replaying").asBoolean() && p.get("position").asLong() >= head)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the read models did not catch up within 2 minutes");
    }

    /** Waits up to {@code time} for the process to end; its exit code, or null if it still runs. */
    Integer awaitExit(java.time.Duration time) throws InterruptedException {
        return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the service has logged so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** What a failure message can hold of the log: its end, where a failing run says why. */
    public String logTail() throws IOException {
        String whole = log();
        int most = 20_000;
        return whole.length() <= most ? whole
                : "[" + (whole.length() - most) + " characters left out]\n" + whole.substring(whole.length() - most);
    }

    /** Kills the process outright (SIGKILL), as a crash or an out-of-memory kill would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
