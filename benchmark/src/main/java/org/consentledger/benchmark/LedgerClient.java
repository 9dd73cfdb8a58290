package org.consentledger.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ledger's HTTP API as the benchmark uses it. */
final class LedgerClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ADMIN_TIMEOUT = Duration.ofMinutes(10);

    private static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36";

    private final HttpClient http;

    private final URI base;
    private final String authorization;

    LedgerClient(URI base, String token) {
        // HTTP/1.1: what banners and back ends send; the default would try an h2c upgrade on every new connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
        this.authorization = "Bearer " + token;
    }

    URI base() {
        return base;
    }

    boolean ready() {
        try {
            HttpResponse<String> r = get("/actuator/health/readiness");
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    HttpResponse<String> submit(Decision d) throws IOException, InterruptedException {
        return http.send(submitRequest(d), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> submitBatch(String siteId, List<Decision> decisions) throws IOException, InterruptedException {
        return http.send(batchRequest(siteId, decisions), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> submitBatchAsync(String siteId, List<Decision> decisions) {
        return http.sendAsync(batchRequest(siteId, decisions), HttpResponse.BodyHandlers.ofString());
    }

    /** One decision as a visitor's browser sends it, from {@code address} as a proxy names it. */
    CompletableFuture<HttpResponse<String>> collectAsync(String siteId, String body, String origin, String address) {
        return http.sendAsync(collectRequest(siteId, body, origin, address), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest collectRequest(String siteId, String body, String origin, String address) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/collect/" + siteId))
                .timeout(Duration.ofSeconds(60));
        browserHeaders(origin, address).forEach(request::header);
        return request.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The headers of a banner's beacon from a page on {@code origin}, the address as a proxy passes it on. */
    static Map<String, String> browserHeaders(String origin, String address) {
        return Map.of("Content-Type", "text/plain;charset=UTF-8", "Origin", origin, "User-Agent", BROWSER,
                "X-Forwarded-For", address);
    }

    /** Lets browsers on {@code origins} record the site's decisions; gives the site's publishable key. */
    String allowCollection(String siteId, List<String> origins) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("allowedOrigins", origins));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/admin/sites/" + siteId + "/collection"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", authorization).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return json(http.send(request, HttpResponse.BodyHandlers.ofString())).path("publishableKey").asString();
    }

    HttpResponse<String> consent(String siteId, String visitorId, Instant at, Instant asOf)
            throws IOException, InterruptedException {
        String query = at == null ? "" : "?at=" + at + "&asOf=" + asOf;
        return get("/api/v1/sites/" + siteId + "/visitors/" + visitorId + "/consent" + query);
    }

    /** The evidence bundle for the answer at {@code at} as known at {@code asOf}. */
    HttpResponse<String> evidence(String siteId, String visitorId, Instant at, Instant asOf)
            throws IOException, InterruptedException {
        return get("/api/v1/sites/" + siteId + "/visitors/" + visitorId + "/evidence?at=" + at + "&asOf=" + asOf);
    }

    JsonNode importPolicy(String siteId, String text, Instant effectiveFrom) throws IOException, InterruptedException {
        return json(post("/api/v1/sites/" + siteId + "/policies/import?effectiveFrom=" + effectiveFrom, "text/plain",
                text));
    }

    JsonNode policy(String siteId, int version) throws IOException, InterruptedException {
        return json(get("/api/v1/sites/" + siteId + "/policies/" + version));
    }

    JsonNode projections() throws IOException, InterruptedException {
        return json(get("/api/v1/admin/projections"));
    }

    /** Answers once the processors were stopped and restarted; stopping waits for their batch in progress. */
    JsonNode replayProjections() throws IOException, InterruptedException {
        return json(post("/api/v1/admin/projections/replay", "application/json", "", ADMIN_TIMEOUT));
    }

    JsonNode relay() throws IOException, InterruptedException {
        return json(get("/api/v1/admin/kafka-relay"));
    }

    JsonNode replayRelay() throws IOException, InterruptedException {
        return json(post("/api/v1/admin/kafka-relay/replay", "application/json", "", ADMIN_TIMEOUT));
    }

    String prometheus() throws IOException, InterruptedException {
        return prometheus("/actuator/prometheus");
    }

    /** Only the named metrics: the service then reads no other gauge and formats no other series. */
    String prometheus(List<String> metrics) throws IOException, InterruptedException {
        return prometheus("/actuator/prometheus?includedNames=" + String.join(",", metrics));
    }

    private String prometheus(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode());
        }
        return r.body();
    }

    private HttpRequest submitRequest(Decision d) {
        String path = "/api/v1/sites/" + d.siteId() + "/visitors/" + d.visitorId()
                + (d.withdrawal() ? "/withdrawals" : "/consents");
        return postRequest(path, "application/json", d.body(), Duration.ofSeconds(60));
    }

    private HttpRequest batchRequest(String siteId, List<Decision> decisions) {
        return postRequest("/api/v1/sites/" + siteId + "/consents:batch", "application/json",
                Decision.batchBody(decisions), Duration.ofSeconds(300));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return post(path, contentType, body, Duration.ofSeconds(60));
    }

    private HttpResponse<String> post(String path, String contentType, String body, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(postRequest(path, contentType, body, timeout), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String path, String contentType, String body, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", contentType).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        if (r.statusCode() / 100 != 2) {
            throw new IOException(r.request().method() + " " + r.uri().getPath() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
