package org.consentledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * An integrator's client, not ours, sends what it likes: every value of the wrong JSON type or form is refused with
 * a 400 naming the field, nothing is recorded, and nothing the client left out is filled in with a guess.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictRequestsIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";
    static final String CAROL = SITE + "/visitors/carol";

    @TempDir
    static Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);
    final Instant chosen = start.plusSeconds(1);
    LedgerInstance ledger;

    @BeforeAll
    void carolAllowsEverything() {
        ledger = LedgerInstance.start(data, clock);
        clock.advance(Duration.ofSeconds(2));
        var given = ledger.post(CAROL + "/consents", consent("\"consentId\": \"c-1\"", "\"policyVersion\": 1",
                "\"occurredAt\": \"" + chosen + "\""));
        assertThat(given.status()).as(given.toString()).isEqualTo(201);
    }

    @AfterAll
    void stopLedger() {
        ledger.close();
    }

    Stream<Arguments> refusedBodies() {
        String id = "\"consentId\": \"c-2\"";
        String version = "\"policyVersion\": 1";
        String at = "\"occurredAt\": \"" + chosen + "\"";
        String day = chosen.toString().substring(0, 10);
        return Stream.of(
                consent("consentId as a number", "\"consentId\": 777001", version, at, "consentId"),
                consent("consentId empty", "\"consentId\": \"\"", version, at, "consentId"),
                consent("policyVersion as a string", id, "\"policyVersion\": \"1\"", at, "policyVersion"),
                consent("policyVersion as a fraction", id, "\"policyVersion\": 1.9", at, "policyVersion"),
                consent("policyVersion in exponent form", id, "\"policyVersion\": 1e0", at, "policyVersion"),
                consent("occurredAt as epoch seconds", id, version, "\"occurredAt\": 1700000000", "occurredAt"),
                consent("occurredAt as a numeric string", id, version, "\"occurredAt\": \"1700000000\"", "occurredAt"),
                consent("occurredAt on a leap second", id, version,
                        "\"occurredAt\": \"" + day + "T23:59:60Z\"", "occurredAt"),
                consent("occurredAt at hour 24", id, version, "\"occurredAt\": \"" + day + "T24:00:00Z\"", "occurredAt"),
                consent("occurredAt without seconds", id, version, "\"occurredAt\": \"" + day + "T10:00Z\"", "occurredAt"),
                Arguments.of("granted left out", CAROL + "/consents", """
                        {"consentId": "c-2", "policyVersion": 1, "occurredAt": "%s", "denied": ["statistics"]}
                        """.formatted(chosen), "granted"),
                Arguments.of("denied left out", CAROL + "/consents", """
                        {"consentId": "c-2", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"]}
                        """.formatted(chosen), "denied"),
                Arguments.of("an evidence value as a number", CAROL + "/consents", """
                        {"consentId": "c-2", "policyVersion": 1, "occurredAt": "%s", "granted": [], "denied":
                         ["statistics"], "evidence": {"screenWidth": 1280}}
                        """.formatted(chosen), "evidence.screenWidth"),
                Arguments.of("a member given twice", CAROL + "/consents", """
                        {"consentId": "c-2", "consentId": "c-3", "policyVersion": 1, "occurredAt": "%s",
                         "granted": [], "denied": ["statistics"]}
                        """.formatted(chosen), "consentId"),
                Arguments.of("a withdrawal without categories", CAROL + "/withdrawals", """
                        {"withdrawalId": "w-1", "occurredAt": "%s"}
                        """.formatted(chosen), "categories"),
                Arguments.of("a withdrawal of an empty list", CAROL + "/withdrawals", """
                        {"withdrawalId": "w-1", "occurredAt": "%s", "categories": []}
                        """.formatted(chosen), "categories"),
                Arguments.of("a withdrawal of all and of a list", CAROL + "/withdrawals", """
                        {"withdrawalId": "w-1", "occurredAt": "%s", "all": true, "categories": ["statistics"]}
                        """.formatted(chosen), "all"),
                Arguments.of("all as a string", CAROL + "/withdrawals", """
                        {"withdrawalId": "w-1", "occurredAt": "%s", "all": "true"}
                        """.formatted(chosen), "all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void aBodyOfTheWrongFormIsRefusedNamingItsFieldAndNothingIsRecorded(String what, String path, String body,
                                                                       String field) {
        String history = ledger.get(CAROL + "/events").body();
        var response = ledger.post(path, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).as(response.toString()).isEqualTo(field);
        assertThat(ledger.get(CAROL + "/events").body()).isEqualTo(history);
    }

    @Test
    void aPolicysMaxAgeIsADurationNotANumber() {
        String policy = """
                {"effectiveFrom": "%s", "consentMaxAge": %s,
                 "categories": [{"id": "necessary", "name": "Necessary", "consentRequired": false}]}
                """;
        var number = ledger.put("/api/v1/sites/strict.example/policies/1", policy.formatted(chosen, "12345"));
        assertThat(number.status()).as(number.toString()).isEqualTo(400);
        assertThat(number.json().get("field").asString()).isEqualTo("consentMaxAge");
        assertThat(ledger.get("/api/v1/sites/strict.example/policies").status()).isEqualTo(404);
        var duration = ledger.put("/api/v1/sites/strict.example/policies/1", policy.formatted(chosen, "\"P30D\""));
        assertThat(duration.status()).as(duration.toString()).isEqualTo(201);
    }

    @Test
    void aQuestionsInstantsAreInstantsNotNumbers() {
        for (String query : new String[] {"at=-1", "at=1700000000", "asOf=1700000000", "at=" + chosen + "x"}) {
            for (String answer : new String[] {"/consent", "/evidence"}) {
                var response = ledger.get(CAROL + answer + "?" + query);
                assertThat(response.status()).as(query + " " + response).isEqualTo(400);
                assertThat(response.json().get("field").asString()).isEqualTo(query.substring(0, query.indexOf('=')));
            }
        }
        var imported = ledger.postText(SITE + "/policies/import?effectiveFrom=1700000000", "Cookie policy\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(400);
        assertThat(imported.json().get("field").asString()).isEqualTo("effectiveFrom");
    }

    @Test
    void anInstantWithAnOffsetIsTheInstantItNames() {
        String paris = chosen.plus(Duration.ofHours(2)).toString().replace("Z", "+02:00");
        var given = ledger.post(SITE + "/visitors/dan/consents", consent("\"consentId\": \"d-1\"",
                "\"policyVersion\": 1", "\"occurredAt\": \"" + paris + "\""));
        assertThat(given.status()).as(given.toString()).isEqualTo(201);
        JsonNode event = ledger.get(SITE + "/visitors/dan/events").json().get("events").get(0);
        assertThat(event.get("occurredAt").asString()).isEqualTo(chosen.toString());
    }

    @Test
    void withdrawingEverythingIsSaidInSoManyWords() {
        var withdrawn = ledger.post(SITE + "/visitors/erin/consents", consent("\"consentId\": \"e-1\"",
                "\"policyVersion\": 1", "\"occurredAt\": \"" + chosen + "\""));
        assertThat(withdrawn.status()).isEqualTo(201);
        var all = ledger.post(SITE + "/visitors/erin/withdrawals", """
                {"withdrawalId": "e-2", "occurredAt": "%s", "all": true}
                """.formatted(chosen));
        assertThat(all.status()).as(all.toString()).isEqualTo(201);
        ledger.awaitProjectionsCaughtUp();
        Map<String, String> statuses = new HashMap<>();
        ledger.get(SITE + "/visitors/erin/consent").json().get("categories")
                .forEach(c -> statuses.put(c.get("id").asString(), c.get("status").asString()));
        assertThat(statuses).containsEntry("statistics", "WITHDRAWN").containsEntry("third-party", "WITHDRAWN")
                .containsEntry("necessary", "EXEMPT");
    }

    @Test
    void aBatchNamesTheFieldADecisionLeftOut() {
        var batch = ledger.post(SITE + "/consents:batch", """
                {"decisions": [{"visitorId": "frank", "withdrawal": {"withdrawalId": "f-1", "occurredAt": "%s"}}]}
                """.formatted(chosen));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode result = batch.json().get("results").get(0);
        assertThat(result.get("status").asInt()).isEqualTo(400);
        assertThat(result.get("problem").get("field").asString()).isEqualTo("decisions[0].withdrawal.categories");
    }

    @Test
    void aKeepAliveConnectionIsNotClosedAfterAHundredRequests() throws IOException {
        URI base = URI.create(ledger.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 1; i <= 250; i++) {
                out.write("GET /actuator/health/liveness HTTP/1.1\r\nHost: ledger\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readResponse(in);
                assertThat(head).as("response %d", i).startsWith("HTTP/1.1 200");
                assertThat(head.toLowerCase(Locale.ROOT)).as("response %d", i).doesNotContain("connection: close");
            }
        }
    }

    /** Reads one response off the connection and gives its head; the body is skipped by its length or chunks. */
    private static String readResponse(InputStream in) throws IOException {
        String head = line(in);
        String length = null;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            head += "\n" + header;
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = header.substring(15).strip();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0;
                 size = Integer.parseInt(line(in).strip(), 16)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else if (length != null) {
            in.readNBytes(Integer.parseInt(length));
        }
        return head;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the ledger closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static Arguments consent(String what, String id, String version, String at, String field) {
        return Arguments.of(what, CAROL + "/consents", consent(id, version, at), field);
    }

    private static String consent(String id, String version, String at) {
        return "{" + id + ", " + version + ", " + at + """
                , "granted": ["statistics", "first-party", "third-party"], "denied": [],
                 "source": "banner", "evidence": {"userAgent": "Firefox/140"}}
                """;
    }
}
