package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.ledger.store.StreamPositions;
import org.consentledger.projections.ReadModelProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A site operator, its banner and its auditor use the ledger over HTTP, step by step, on one H2 file database that
 * survives a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerStoryIT {

    static final String SHOP = "/api/v1/sites/shop.example.org";
    static final String ALICE = SHOP + "/visitors/alice";
    static final String SEED = "/api/v1/sites/juleslesmart.opendatasoft.com";

    @TempDir
    static Path data;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);
    LedgerInstance ledger;

    /** Answers and histories taken along the way, which a replay and a restart must reproduce exactly. */
    final Map<String, String> evidence = new LinkedHashMap<>();

    @BeforeAll
    void startLedger() {
        ledger = LedgerInstance.start(data, clock);
    }

    @AfterAll
    void stopLedger() {
        ledger.close();
    }

    @Test
    @Order(1)
    void onFirstStartTheSeedPlatformsPoliciesArePublishedAsVersion1() {
        // Start-up returns only once the seeds are published and readable: readiness means the read models are current.
        assertThat(ledger.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        JsonNode versions = ledger.get(SEED + "/policies").json().get("versions");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(1);

        JsonNode policy = ledger.get(SEED + "/policies/1").json();
        assertThat(names(policy.get("cookies"), "name"))
                .containsExactly("sessionid", "django_language", "csrftoken", "cookies_preferences");
        assertThat(names(policy.get("cookies"), "category")).containsOnly("necessary");
        assertThat(names(policy.get("categories"), "id"))
                .containsExactly("necessary", "statistics", "first-party", "third-party");
        assertThat(policy.get("text").asString()).contains("Cookies policy", "cookies_preferences");
        assertThat(policy.get("consentMaxAge").asString()).isEqualTo("PT9480H");
        remember("seed policy", SEED + "/policies/1");
    }

    @Test
    @Order(2)
    void theOperatorPublishesTwoVersionsOfItsPolicy() {
        var first = ledger.put(SHOP + "/policies/1", policyV1());
        assertThat(first.status()).isEqualTo(201);
        var again = ledger.put(SHOP + "/policies/1", policyV1());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("eventId")).isEqualTo(first.json().get("eventId"));
        assertThat(again.json().get("replayed").asBoolean()).isTrue();

        var changed = ledger.put(SHOP + "/policies/1", policyV1().replace("Count visits", "Count everything"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.contentType()).startsWith("application/problem+json");
        assertThat(changed.json().get("field").asString()).isEqualTo("version");

        var beforeV1 = ledger.put(SHOP + "/policies/2", policyV2(start.minus(Duration.ofDays(20))));
        assertThat(beforeV1.status()).isEqualTo(422);
        assertThat(beforeV1.json().get("field").asString()).isEqualTo("effectiveFrom");

        assertThat(ledger.put(SHOP + "/policies/2", policyV2(start.minus(Duration.ofDays(1)))).status())
                .isEqualTo(201);
        ledger.awaitProjectionsCaughtUp();
        assertThat(names(ledger.get(SHOP + "/policies").json().get("versions"), "version"))
                .containsExactly("1", "2");
        assertThat(ledger.get(SHOP + "/policies/2").json().get("consentMaxAge").asString()).isEqualTo("PT720H");
    }

    @Test
    @Order(3)
    void aVisitorWhoWasNeverAskedGetsOnlyTheCookiesThatNeedNoConsent() {
        JsonNode answer = ledger.get(SHOP + "/visitors/nobody/consent").json();
        assertThat(answer.get("policyVersion").asInt()).isEqualTo(2);
        assertThat(cookie(answer, "sessionid").get("reason").asString()).isEqualTo("EXEMPT");
        assertThat(cookie(answer, "sessionid").get("allowed").asBoolean()).isTrue();
        assertThat(cookie(answer, "_pk_id").get("reason").asString()).isEqualTo("NOT_ASKED");
        assertThat(cookie(answer, "_ads").get("allowed").asBoolean()).isFalse();
    }

    @Test
    @Order(4)
    void theBannerRecordsAlicesChoiceAndAResubmissionIsIdempotent() {
        String body = consent("c-1", 1, start.minus(Duration.ofDays(5)), "[\"statistics\"]", "[\"third-party\"]");
        var receipt = ledger.post(ALICE + "/consents", body);
        assertThat(receipt.status()).isEqualTo(201);
        assertThat(receipt.json().get("recordedAt").asString()).isEqualTo(start.toString());

        var resubmitted = ledger.post(ALICE + "/consents", body);
        assertThat(resubmitted.status()).isEqualTo(200);
        assertThat(resubmitted.json().get("eventId")).isEqualTo(receipt.json().get("eventId"));

        var reused = ledger.post(ALICE + "/consents",
                consent("c-1", 1, start.minus(Duration.ofDays(5)), "[\"statistics\",\"first-party\"]", "[]"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("field").asString()).isEqualTo("consentId");
        assertThat(events(ALICE)).hasSize(1);

        ledger.awaitProjectionsCaughtUp();
        JsonNode answer = ledger.get(ALICE + "/consent?at=" + start.minus(Duration.ofDays(4))).json();
        assertThat(answer.get("policyVersion").asInt()).isEqualTo(1);
        assertThat(category(answer, "statistics").get("status").asString()).isEqualTo("GRANTED");
        assertThat(category(answer, "statistics").get("decidedBy")).isEqualTo(receipt.json().get("eventId"));
        assertThat(category(answer, "third-party").get("status").asString()).isEqualTo("DENIED");
        assertThat(cookie(answer, "_pk_id").get("allowed").asBoolean()).isTrue();
        assertThat(ledger.get(ALICE + "/consent?at=" + start.minus(Duration.ofDays(6))).json()
                .get("policyVersion").asInt()).isEqualTo(1);
        remember("alice before v2", ALICE + "/consent?at=%s&asOf=%s".formatted(start.minus(Duration.ofDays(4)), start));
    }

    @Test
    @Order(5)
    void aCookieAddedInVersion2NeedsConsentUnderVersion2() {
        clock.advance(Duration.ofMinutes(1));
        assertThat(ledger.post(ALICE + "/consents", consent("c-2", 1, start.minus(Duration.ofHours(3)),
                "[\"third-party\"]", "[]")).status()).isEqualTo(201);
        ledger.awaitProjectionsCaughtUp();
        JsonNode underV1 = ledger.get(ALICE + "/consent?at=" + start.minus(Duration.ofHours(2))).json();
        assertThat(underV1.get("policyVersion").asInt()).isEqualTo(2);
        assertThat(cookie(underV1, "_ads").get("reason").asString()).isEqualTo("NOT_IN_CONSENTED_POLICY");
        assertThat(cookie(underV1, "_ads").get("allowed").asBoolean()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        var v2Grant = ledger.post(ALICE + "/consents", consent("c-3", 2, start.minus(Duration.ofHours(2)),
                "[\"third-party\",\"first-party\"]", "[]"));
        assertThat(v2Grant.status()).isEqualTo(201);
        ledger.awaitProjectionsCaughtUp();
        JsonNode underV2 = ledger.get(ALICE + "/consent?at=" + start.minus(Duration.ofHours(1))).json();
        assertThat(cookie(underV2, "_ads").get("reason").asString()).isEqualTo("GRANTED");
        assertThat(cookie(underV2, "_ads").get("decidedBy")).isEqualTo(v2Grant.json().get("eventId"));
    }

    @Test
    @Order(6)
    void aliceWithdrawsStatisticsAndTheAnswerSaysWhichEventDecided() {
        Instant now = clock.advance(Duration.ofMinutes(1));
        var withdrawal = ledger.post(ALICE + "/withdrawals", """
                {"withdrawalId": "w-1", "occurredAt": "%s", "categories": ["statistics"]}
                """.formatted(now.minus(Duration.ofMinutes(30))));
        assertThat(withdrawal.status()).isEqualTo(201);
        assertThat(ledger.post(ALICE + "/withdrawals", """
                {"withdrawalId": "w-1", "occurredAt": "%s", "categories": ["statistics"]}
                """.formatted(now.minus(Duration.ofMinutes(30)))).status()).isEqualTo(200);
        ledger.awaitProjectionsCaughtUp();
        JsonNode answer = ledger.get(ALICE + "/consent").json();
        assertThat(category(answer, "statistics").get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(category(answer, "statistics").get("decidedBy")).isEqualTo(withdrawal.json().get("eventId"));
        assertThat(category(answer, "third-party").get("status").asString()).isEqualTo("GRANTED");
        assertThat(cookie(answer, "_pk_id").get("allowed").asBoolean()).isFalse();
    }

    @Test
    @Order(7)
    void aLateArrivingWithdrawalChangesThePastOnlyForQuestionsAskedAfterItArrived() {
        Instant beforeItArrived = clock.instant();
        Instant arrived = clock.advance(Duration.ofMinutes(10));
        // The app was offline: Alice withdrew everything 50 minutes ago, the ledger hears of it only now.
        var late = ledger.post(ALICE + "/withdrawals", """
                {"withdrawalId": "w-2", "occurredAt": "%s", "all": true}
                """.formatted(start.minus(Duration.ofMinutes(50))));
        assertThat(late.status()).isEqualTo(201);
        ledger.awaitProjectionsCaughtUp();

        String at = "?at=" + start.minus(Duration.ofMinutes(40));
        JsonNode knownThen = ledger.get(ALICE + "/consent" + at + "&asOf=" + beforeItArrived).json();
        assertThat(category(knownThen, "third-party").get("status").asString()).isEqualTo("GRANTED");
        JsonNode knownNow = ledger.get(ALICE + "/consent" + at + "&asOf=" + arrived).json();
        assertThat(category(knownNow, "third-party").get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(category(knownNow, "third-party").get("decidedBy")).isEqualTo(late.json().get("eventId"));
        assertThat(category(knownNow, "necessary").get("status").asString()).isEqualTo("EXEMPT");
        remember("alice known then", ALICE + "/consent" + at + "&asOf=" + beforeItArrived);
        remember("alice known now", ALICE + "/consent" + at + "&asOf=" + arrived);
        remember("alice history", ALICE + "/events");
    }

    @Test
    @Order(8)
    void badInputIsRefusedNamingTheFieldAndRecordsNothing() {
        List<Object[]> cases = new ArrayList<>();
        Instant now = clock.instant();
        String ok = "\"policyVersion\": 2, \"occurredAt\": \"%s\"".formatted(now);
        cases.add(new Object[] {ALICE + "/consents", "{\"consentId\":\"b1\"," + ok + ",\"granted\":[\"marketing\"],\"denied\":[]}", 422, "granted[0]"});
        cases.add(new Object[] {ALICE + "/consents", "{\"consentId\":\"b2\"," + ok + ",\"granted\":[],\"denied\":[\"necessary\"]}", 422, "denied[0]"});
        cases.add(new Object[] {ALICE + "/consents", consent("b3", 2, now.plus(Duration.ofMinutes(6)), "[\"statistics\"]", "[]"), 422, "occurredAt"});
        cases.add(new Object[] {ALICE + "/consents", consent("b4", 1, now.minus(Duration.ofDays(31)), "[\"statistics\"]", "[]"), 422, "occurredAt"});
        cases.add(new Object[] {ALICE + "/consents", consent("b5", 9, now, "[\"statistics\"]", "[]"), 422, "policyVersion"});
        cases.add(new Object[] {ALICE + "/consents", "{\"consentId\":\"b6\"," + ok + ",\"granted\":[\"statistics\"", 400, null});
        cases.add(new Object[] {ALICE + "/consents", "{\"consentId\":\"b7\",\"policyVersion\":\"two\",\"occurredAt\":\"" + now + "\"}", 400, "policyVersion"});
        cases.add(new Object[] {ALICE + "/consents", "{" + ok + ",\"granted\":[\"statistics\"],\"denied\":[]}", 400, "consentId"});
        cases.add(new Object[] {ALICE + "/consents", "{\"consentId\":\"b9\"," + ok + ",\"grnted\":[\"statistics\"]}", 400, "grnted"});
        cases.add(new Object[] {ALICE + "/consents", "{\"consentId\":\"b10\",\"policyVersion\":2,\"occurredAt\":\"yesterday\"}", 400, "occurredAt"});
        cases.add(new Object[] {SHOP + "/visitors/al%20ice/consents", consent("b11", 2, now, "[\"statistics\"]", "[]"), 400, "visitorId"});
        cases.add(new Object[] {"/api/v1/sites/unknown.example.org/visitors/alice/consents", consent("b12", 1, now, "[\"statistics\"]", "[]"), 404, "siteId"});
        cases.add(new Object[] {ALICE + "/withdrawals", "{\"withdrawalId\":\"b13\",\"occurredAt\":\"" + now + "\",\"categories\":[\"necessary\"]}", 422, "categories[0]"});
        cases.add(new Object[] {ALICE + "/withdrawals", "{\"withdrawalId\":\"b14\",\"occurredAt\":\"" + start.minus(Duration.ofDays(29)) + "\",\"all\":true}", 422, "occurredAt"});

        String historyBefore = ledger.get(ALICE + "/events").body();
        for (Object[] c : cases) {
            var response = ledger.post((String) c[0], (String) c[1]);
            assertThat(response.status()).as("%s %s -> %s", c[0], c[1], response).isEqualTo(c[2]);
            assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
            if (c[3] != null) {
                JsonNode field = response.json().get("field");
                assertThat(field == null ? null : field.asString()).as(response.toString()).isEqualTo(c[3]);
            }
        }
        assertThat(ledger.get(ALICE + "/events").body()).isEqualTo(historyBefore);
        assertThat(ledger.get(SHOP + "/visitors/al%20ice/consent").status()).isEqualTo(400);
        assertThat(ledger.get(ALICE + "/consent?asOf=" + now.plusSeconds(1)).json().get("field").asString())
                .isEqualTo("asOf");
        var notAnInstant = ledger.get(ALICE + "/evidence?at=yesterday");
        assertThat(notAnInstant.status()).isEqualTo(400);
        assertThat(notAnInstant.contentType()).startsWith("application/problem+json");
        assertThat(notAnInstant.json().get("field").asString()).isEqualTo("at");
        assertThat(ledger.get(ALICE + "/consent?at=").status()).as("an empty instant means now").isEqualTo(200);
        assertThat(ledger.get("/api/v1/sites/unknown.example.org/visitors/alice/consent").status()).isEqualTo(404);
    }

    @Test
    @Order(9)
    void consentExpiresAfterTheMaxAgeOfThePolicyItWasGivenUnder() {
        Instant given = clock.instant().minus(Duration.ofHours(1));
        var grant = ledger.post(SHOP + "/visitors/bob/consents", consent("c-b", 2, given, "[\"statistics\"]", "[]"));
        assertThat(grant.status()).isEqualTo(201);
        ledger.awaitProjectionsCaughtUp();
        Instant lastValid = given.plus(Duration.ofDays(30));
        assertThat(category(ledger.get(SHOP + "/visitors/bob/consent?at=" + lastValid).json(), "statistics")
                .get("status").asString()).isEqualTo("GRANTED");
        JsonNode expired = ledger.get(SHOP + "/visitors/bob/consent?at=" + lastValid.plusSeconds(1)).json();
        assertThat(category(expired, "statistics").get("status").asString()).isEqualTo("EXPIRED");
        assertThat(cookie(expired, "_pk_id").get("reason").asString()).isEqualTo("EXPIRED");
        assertThat(cookie(expired, "_pk_id").get("allowed").asBoolean()).isFalse();
        remember("bob expired", SHOP + "/visitors/bob/consent?at=%s&asOf=%s".formatted(lastValid.plusSeconds(1),
                clock.instant()));
    }

    @Test
    @Order(10)
    void anImportedPolicyPageBecomesTheNextVersion() {
        String page = new String(readSeed(), java.nio.charset.StandardCharsets.UTF_8)
                + "\n\nStatistics cookies\n\nMatomo\tAudience measurement\t_pk_id, _pk_ses\tCount visits\n";
        var imported = ledger.postText(SEED + "/policies/import", page);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("version").asInt()).isEqualTo(2);
        ledger.awaitProjectionsCaughtUp();
        assertThat(names(ledger.get(SEED + "/policies/2").json().get("cookies"), "name"))
                .contains("_pk_id", "_pk_ses");
        var broken = ledger.postText(SEED + "/policies/import", "Cookies policy\n\nnecessary\nonly\ttwo cells\n");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().get("field").asString()).startsWith("text");
    }

    @Test
    @Order(11)
    void aReplayRebuildsTheReadModelsWithIdenticalAnswers() {
        ledger.awaitProjectionsCaughtUp();
        Map<String, String> before = current();
        assertThat(before).isEqualTo(evidence);
        assertThat(ledger.post("/api/v1/admin/projections/replay", "").status()).isEqualTo(202);
        ledger.awaitProjectionsCaughtUp();
        assertThat(current()).isEqualTo(before);
        // Rebuilt without it, the history has its visitor index again: answers do not read the whole table.
        assertThat(ledger.hasIndex("consent_history", "consent_history_visitor")).isTrue();
    }

    @Test
    @Order(12)
    void afterARestartOnTheSameDatabaseNothingIsReseededAndEveryAnswerIsTheSame() {
        String seedVersions = ledger.get(SEED + "/policies").body();
        ledger.close();
        clock.advance(Duration.ofHours(1));
        ledger = LedgerInstance.start(data, clock);
        ledger.awaitProjectionsCaughtUp();
        assertThat(ledger.get(SEED + "/policies").body()).isEqualTo(seedVersions);
        assertThat(current()).isEqualTo(evidence);
    }

    @Test
    @Order(14)
    void operatorsSeeCommandsEventsAndLagInPrometheusFormat() {
        String accepted = "ledger_commands_seconds_count{command=\"GiveConsent\",outcome=\"accepted\"";
        String rejected = "ledger_commands_seconds_count{command=\"GiveConsent\",outcome=\"rejected\"";
        String appended = "ledger_events_appended_total{type=\"ConsentGiven\"";
        String before = ledger.get("/actuator/prometheus").body();
        ledger.post(ALICE + "/consents", consent("m-1", 2, clock.instant(), "[\"statistics\"]", "[]"));
        ledger.post(ALICE + "/consents", consent("m-2", 2, clock.instant(), "[\"marketing\"]", "[]"));
        ledger.awaitProjectionsCaughtUp();
        String metrics = ledger.get("/actuator/prometheus").body();
        assertThat(metrics).contains("ledger_processor_lag_events{processor=\"read-models\"} 0.0")
                .contains("ledger_processor_lag_events{processor=\"merkle-log\"}")
                // Requests are timed; the per-request in-flight gauge is left out, as configured.
                .contains("http_server_requests_seconds_count{").doesNotContain("http_server_requests_active");
        // One consent recorded, one refused: each counted once.
        assertThat(sample(metrics, accepted) - sample(before, accepted)).isEqualTo(1);
        assertThat(sample(metrics, rejected) - sample(before, rejected)).isEqualTo(1);
        assertThat(sample(metrics, appended) - sample(before, appended)).isEqualTo(1);
    }

    /** The value of the Prometheus sample whose line starts with {@code series}; 0 when there is none yet. */
    private static double sample(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElse(0.0);
    }

    @Test
    @Order(13)
    void theServiceReportsHealthAndDescribesItsApi() {
        assertThat(ledger.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        JsonNode api = ledger.get("/v3/api-docs").json();
        assertThat(api.get("paths").propertyNames()).contains(
                "/api/v1/sites/{siteId}/visitors/{visitorId}/consents",
                "/api/v1/sites/{siteId}/visitors/{visitorId}/consent",
                "/api/v1/admin/projections/replay");
        JsonNode question = api.get("paths").get("/api/v1/sites/{siteId}/visitors/{visitorId}/consent").get("get");
        assertThat(question.get("parameters").valueStream().map(p -> p.get("name").asString() + " in "
                + p.get("in").asString())).containsExactlyInAnyOrder(
                "siteId in path", "visitorId in path", "at in query", "asOf in query");
    }

    @Test
    @Order(15)
    void aReplayCutShortByAStopIsFinishedOnTheNextStartNotLaidOverTheOldHistory() {
        // The history's position is reset, then the instance stops before the replay empties the old rows, which
        // meanwhile got damaged (granted and denied swapped): the next start must rebuild them from the events.
        ledger.awaitProjectionsCaughtUp();
        Map<String, String> before = current();
        var history = ledger.bean(StreamPositions.class).processor(ReadModelProcessor.NAME);
        history.shutDown();
        history.resetTokens();
        ledger.bean(JdbcClient.class).sql("update consent_history set granted = denied, denied = granted").update();
        ledger.close();

        ledger = LedgerInstance.start(data, clock);
        ledger.awaitProjectionsCaughtUp();

        assertThat(current()).isEqualTo(before);
    }

    @Test
    @Order(16)
    void aReplayStoppedBeforeItsVisitorIndexWasCreatedCreatesItOnTheNextStart() {
        // The replay's last batch committed, then the instance stopped before creating the index again: until it
        // is back, a question is refused rather than answered by reading the whole history.
        ledger.awaitProjectionsCaughtUp();
        Map<String, String> before = current();
        JdbcClient jdbc = ledger.bean(JdbcClient.class);
        jdbc.sql("update read_model_position set rebuild_until = position where read_model = 'consent-history'")
                .update();
        jdbc.sql("drop index consent_history_visitor").update();
        LedgerInstance.Response refused = ledger.get(ALICE + "/consent");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.retryAfter()).isEqualTo("1");
        ledger.close();

        ledger = LedgerInstance.start(data, clock);
        ledger.awaitProjectionsCaughtUp();

        assertThat(ledger.hasIndex("consent_history", "consent_history_visitor")).isTrue();
        assertThat(current()).isEqualTo(before);
    }

    // --- the story's vocabulary ---

    private String policyV1() {
        return """
                {"effectiveFrom": "%s", "consentMaxAge": "P395D",
                 "categories": [
                   {"id": "necessary", "name": "Necessary", "consentRequired": false},
                   {"id": "statistics", "name": "Statistics", "consentRequired": true},
                   {"id": "first-party", "name": "First-party", "consentRequired": true},
                   {"id": "third-party", "name": "Third-party", "consentRequired": true}],
                 "cookies": [
                   {"name": "sessionid", "provider": "Shop", "function": "Login", "purpose": "Remember the user", "category": "necessary"},
                   {"name": "_pk_id", "provider": "Matomo", "function": "Statistics", "purpose": "Count visits", "category": "statistics"}]}
                """.formatted(start.minus(Duration.ofDays(10)));
    }

    private String policyV2(Instant effectiveFrom) {
        return policyV1().replace(start.minus(Duration.ofDays(10)).toString(), effectiveFrom.toString())
                .replace("P395D", "P30D")
                .replace("\"category\": \"statistics\"}]}", """
                        "category": "statistics"},
                           {"name": "_ads", "provider": "AdNet", "function": "Ads", "purpose": "Target ads", "category": "third-party"}]}""");
    }

    private static String consent(String id, int version, Instant at, String granted, String denied) {
        return """
                {"consentId": "%s", "policyVersion": %d, "occurredAt": "%s", "granted": %s, "denied": %s,
                 "source": "banner", "evidence": {"userAgent": "Firefox/140", "language": "fr"}}
                """.formatted(id, version, at, granted, denied);
    }

    private List<JsonNode> events(String visitor) {
        List<JsonNode> events = new ArrayList<>();
        ledger.get(visitor + "/events").json().get("events").forEach(events::add);
        return events;
    }

    private void remember(String name, String path) {
        var response = ledger.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        evidence.put(name + " " + path, response.body());
    }

    private Map<String, String> current() {
        Map<String, String> now = new LinkedHashMap<>();
        evidence.keySet().forEach(key -> now.put(key, ledger.get(key.substring(key.indexOf(" /") + 1)).body()));
        return now;
    }

    private static byte[] readSeed() {
        try (var in = LedgerStoryIT.class.getResourceAsStream("/seed-policies/juleslesmart.opendatasoft.com.txt")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get(field).asString()));
        return names;
    }

    private static JsonNode category(JsonNode answer, String id) {
        for (JsonNode c : answer.get("categories")) {
            if (c.get("id").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no category " + id + " in " + answer);
    }

    private static JsonNode cookie(JsonNode answer, String name) {
        for (JsonNode c : answer.get("cookies")) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cookie " + name + " in " + answer);
    }
}
