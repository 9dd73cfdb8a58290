package org.consentledger.ledger;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.consentledger.ledger.access.AccessKeys;
import org.consentledger.ledger.evidence.MerkleLog;
import org.consentledger.ledger.store.StreamPositions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real ledger application, started in this JVM on a random port against an H2 file database, driven over real
 * HTTP. Closing it and starting another on the same directory is a restart.
 */
public final class LedgerInstance implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    private LedgerInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        Path tokenFile = Path.of(context.getEnvironment().getProperty("ledger.access.token-file"));
        // Absent when keys are configured: then each request names its token (send).
        this.token = Files.exists(tokenFile) ? generatedToken(tokenFile) : null;
    }

    /** The token the ledger made on its first start (no keys configured): every role, every site. */
    public static String generatedToken(Path tokenFile) {
        try {
            return Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the ledger on an H2 file database in {@code dataDirectory}, with the given clock as the ledger's. */
    public static LedgerInstance start(Path dataDirectory, Clock clock, Map<String, Object> properties) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of(
                "server.port", 0,
                "server.address", "127.0.0.1",
                "ledger.evidence.signing-key-file", dataDirectory.resolve("keys/checkpoint.pem").toAbsolutePath(),
                "ledger.access.token-file", dataDirectory.resolve("keys/access-token").toAbsolutePath(),
                "ledger.personal-data.key-file", dataDirectory.resolve("keys/personal-data.keys").toAbsolutePath()));
        all.putAll(TestDatabase.forDirectory(dataDirectory));
        // Tests that load the ledger send faster than an operator would let one key; RateLimitIT sets its own.
        all.put("ledger.access.rate-limit.requests-per-second", 0);
        all.putAll(properties);
        // As command-line arguments: they take precedence over application.yml, as an operator's would.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
                .run(args);
        return new LedgerInstance(context);
    }

    /** A key as an operator configures it, by its token's hash, as start properties. */
    public static Map<String, Object> accessKey(int index, String name, String token, String roles, String sites) {
        String prefix = "ledger.access.keys[" + index + "].";
        return Map.of(prefix + "name", name, prefix + "token-sha256", AccessKeys.sha256(token),
                prefix + "roles", roles, prefix + "sites", sites);
    }

    public static LedgerInstance start(Path dataDirectory, Clock clock) {
        return start(dataDirectory, clock, Map.of());
    }

    /** Where the ledger answers, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return base;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A request with another token than the ledger's generated one; null for none. */
    public Response send(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return exchange(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with one more request header, as a browser adds {@code Sec-GPC: 1}. */
    public Response post(String path, String json, String header, String value) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postText(String path, String text) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A GET whose answer is bytes (a file), with its status and media type. */
    public HttpResponse<byte[]> getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        try {
            return http.send((token == null ? request : request.header("Authorization", "Bearer " + token)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every projection has handled every event in the store. */
    public void awaitProjectionsCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode status = get("/api/v1/admin/projections").json();
            long head = status.get("head").asLong();
            return StreamSupport.stream(status.get("projections").spliterator(), false)
                    .allMatch(p -> !p.get("replaying").asBoolean() && p.get("position").asLong() == head);
        });
    }

    /** Whether the database holds the named index on the table (H2 keeps names in upper case, PostgreSQL lower). */
    public boolean hasIndex(String table, String index) {
        return bean(JdbcTemplate.class).execute((ConnectionCallback<Boolean>) connection -> {
            for (String name : List.of(table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
                try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, name, false, false)) {
                    while (indexes.next()) {
                        if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
    }

    /** Waits until the Merkle log has taken every event in the store (the read models' wait does not cover it). */
    public void awaitEvidenceLogCaughtUp() {
        StreamPositions positions = bean(StreamPositions.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> positions.position(MerkleLog.NAME) >= positions.head());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Response send(HttpRequest.Builder request) {
        return exchange(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    private Response exchange(HttpRequest.Builder request) {
        try {
            return Response.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** @param retryAfter the Retry-After header, null without one */
    public record Response(int status, String contentType, String retryAfter, String body) {

        static Response of(HttpResponse<String> response) {
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
