package org.consentledger.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.ledger.access.AccessKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A site's data protection officer exports what the ledger recorded in a period, as NDJSON, CSV or ISO/IEC TS 27560
 * consent records, each visitor's personal data shown until the visitor is erased; a visitor asks for everything
 * held on them (GDPR art. 15) and gets it as JSON or as a page to read, in which nothing they sent can run.
 */
class ExportIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";
    static final String EXPORT = SITE + "/exports/events";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPeriodIsExportedInEveryFormatAndAVisitorGetsWhatIsHeldOnThem() throws Exception {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(ledger.put(SITE + "/notices/banner-1", """
                    {"policyVersion": 1, "buttons": ["accept-all", "reject-all", "customize"],
                     "texts": {"en": {"title": "Cookies", "body": "We measure our audience.", "buttonLabels":
                       {"accept-all": "Accept all", "reject-all": "Reject all", "customize": "Choose"}}}}""")
                    .status()).isEqualTo(201);
            Instant from = clock.advance(Duration.ofMinutes(1));
            String bobConsent = created(ledger.post(SITE + "/visitors/bob/consents", """
                    {"consentId": "c-bob", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": ["third-party"], "noticeId": "banner-1", "language": "en", "method": "custom",
                     "surface": "banner", "regulation": "gdpr", "country": "FR", "region": "FR-IDF",
                     "pageUrl": "https://shop.example/", "evidence": {"note": "<script>alert(1)</script>"}}"""
                    .formatted(clock.instant())));
            String carolConsent = created(ledger.post(SITE + "/visitors/carol/consents", """
                    {"consentId": "c-carol", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": []}""".formatted(clock.advance(Duration.ofSeconds(10)))));
            String bobWithdrawal = created(ledger.post(SITE + "/visitors/bob/withdrawals", """
                    {"withdrawalId": "w-bob", "occurredAt": "%s", "categories": ["statistics"]}"""
                    .formatted(clock.advance(Duration.ofSeconds(10)))));
            clock.advance(Duration.ofSeconds(10));
            var erased = ledger.post(SITE + "/visitors/carol/erasure", """
                    {"erasureId": "ticket-1", "reason": "art17-request"}""");
            assertThat(erased.status()).as(erased.toString()).isEqualTo(202);
            String carolErasure = erased.json().get("eventId").asString();
            Instant to = clock.advance(Duration.ofMinutes(1));
            // After the period, more than one page of events: the whole export reads the store a page at a time.
            assertThat(ledger.post(SITE + "/consents:batch", batch(300)).status()).isEqualTo(200);
            ledger.awaitProjectionsCaughtUp();
            String window = "from=" + from + "&to=" + to;

            Exchange ndjson = get(ledger, EXPORT + "?" + window, null);
            assertThat(ndjson.status()).as(ndjson.body()).isEqualTo(200);
            assertThat(ndjson.contentType()).isEqualTo("application/x-ndjson");
            assertThat(ndjson.headers().firstValue("Cache-Control")).hasValue("no-store");
            List<JsonNode> events = ndjson.body().lines().map(JSON::readTree).toList();
            assertThat(events).extracting(e -> e.get("eventId").asString())
                    .containsExactly(bobConsent, carolConsent, bobWithdrawal, carolErasure);
            assertThat(events).extracting(e -> e.get("type").asString())
                    .containsExactly("consent.given", "consent.given", "consent.withdrawn", "subject.erased");
            JsonNode bob = events.get(0);
            assertThat(bob.get("visitorId").asString()).isEqualTo("bob");
            assertThat(bob.get("consentId").asString()).isEqualTo("c-bob");
            assertThat(bob.at("/evidence/note").asString()).isEqualTo("<script>alert(1)</script>");
            assertThat(bob.at("/evidence/pageUrl").asString()).isEqualTo("https://shop.example/");
            assertThat(bob.at("/context/noticeId").asString()).isEqualTo("banner-1");
            assertThat(bob.get("stream").asString()).startsWith("smartbump.opendatasoft.com/").doesNotContain("bob");
            assertThat(bob.get("hash").asString()).hasSize(64);
            assertThat(Instant.parse(bob.get("recordedAt").asString())).isBetween(from, to);
            JsonNode carol = events.get(1);
            assertThat(carol.get("personal").asString()).as("erased since").isEqualTo("erased");
            assertThat(carol.has("visitorId")).isFalse();
            assertThat(carol.get("granted").toString()).as("the public part stays").isEqualTo("[\"statistics\"]");
            assertThat(events.get(3).get("erasureId").asString()).isEqualTo("ticket-1");

            List<JsonNode> everything = get(ledger, EXPORT, null).body().lines().map(JSON::readTree).toList();
            assertThat(everything).hasSize(1 + 1 + 4 + 300);
            assertThat(everything.get(0).get("type").asString()).isEqualTo("policy.published");
            assertThat(everything.get(1).get("type").asString()).isEqualTo("notice.published");
            assertThat(everything.subList(2, 6)).isEqualTo(events);

            Exchange csv = get(ledger, EXPORT + "?format=csv&" + window, null);
            assertThat(csv.contentType()).isEqualTo("text/csv;charset=UTF-8");
            List<String> rows = csv.body().lines().toList();
            assertThat(rows).hasSize(5);
            assertThat(rows.get(0)).startsWith("eventId,type,recordedAt,occurredAt,siteId,visitorId,policyVersion,"
                    + "granted,denied,categories,method,surface,noticeId,origin,");
            assertThat(rows.get(1)).startsWith(bobConsent + ",consent.given,").contains(
                    ",smartbump.opendatasoft.com,bob,1,statistics,third-party,,custom,banner,banner-1,,en,gdpr,FR,")
                    .endsWith(",present");
            assertThat(rows.get(2)).contains(",smartbump.opendatasoft.com,,1,statistics,,").endsWith(",erased");
            assertThat(rows.get(3)).contains(",consent.withdrawn,").contains(",bob,1,,,statistics,");

            List<JsonNode> records = get(ledger, EXPORT + "?format=iso27560&" + window, null).body().lines()
                    .map(JSON::readTree).toList();
            assertThat(records).extracting(r -> r.get("dct:identifier").asString()).containsExactly(
                    bobConsent + "#given", bobConsent + "#refused", carolConsent + "#given",
                    bobWithdrawal + "#withdrawn");
            assertThat(records.get(0).at("/dpv:hasDataSubject/dct:identifier").asString()).isEqualTo("bob");
            assertThat(records.get(1).at("/dpv:hasConsentStatus/@type").asString()).isEqualTo("dpv:ConsentRefused");
            assertThat(records.get(2).has("dpv:hasDataSubject")).isFalse();
            assertThat(records.get(3).at("/dpv:hasConsentStatus/@type").asString())
                    .isEqualTo("dpv:ConsentWithdrawn");

            assertVisitorExports(ledger, bobConsent, bobWithdrawal, carolErasure);
            assertRefusals(ledger, from);

            // The last visitor's data key no longer unwraps (its key-encryption key was removed from the
            // configuration): found after the first pages went out, the export is cut short, never ended as if whole.
            ledger.bean(JdbcClient.class).sql("""
                    update visitor_data_key set kek_name = 'removed' where stream_id = (select aggregate_identifier
                      from domain_event_entry where global_index = (select max(global_index) from domain_event_entry))
                    """).update();
            assertThatThrownBy(() -> get(ledger, EXPORT, null)).isInstanceOf(IOException.class);
        }
    }

    private void assertVisitorExports(LedgerInstance ledger, String bobConsent, String bobWithdrawal,
                                      String carolErasure) throws Exception {
        Exchange json = get(ledger, SITE + "/visitors/bob/export", "application/json");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        JsonNode bob = JSON.readTree(json.body());
        assertThat(bob.at("/consent/categories").valueStream()
                .filter(c -> c.get("id").asString().equals("statistics")).findFirst().orElseThrow()
                .get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(bob.get("events").valueStream().map(e -> e.get("eventId").asString()))
                .containsExactly(bobConsent, bobWithdrawal);
        assertThat(bob.at("/events/0/evidence/note").asString()).isEqualTo("<script>alert(1)</script>");
        assertThat(bob.at("/policyVersions/0/version").asInt()).isEqualTo(1);
        assertThat(bob.at("/policyVersions/0/hash").asString()).hasSize(64);
        assertThat(bob.at("/notices/0/noticeId").asString()).isEqualTo("banner-1");
        assertThat(bob.at("/notices/0/digest").asString()).hasSize(64);
        assertThat(bob.get("erasures")).isEmpty();

        Exchange page = get(ledger, SITE + "/visitors/bob/export", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'; style-src 'sha256-");
        assertThat(page.body()).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<h1>", "<th scope=\"col\">", "<caption>", bobConsent)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script");
        assertThat(get(ledger, SITE + "/visitors/bob/export?format=html", null).contentType())
                .isEqualTo("text/html;charset=UTF-8");

        JsonNode carol = JSON.readTree(get(ledger, SITE + "/visitors/carol/export", null).body());
        assertThat(carol.at("/events/0/personal").asString()).isEqualTo("erased");
        assertThat(carol.at("/events/1/eventId").asString()).isEqualTo(carolErasure);
        assertThat(carol.at("/erasures/0/erasureId").asString()).isEqualTo("ticket-1");
        assertThat(carol.at("/erasures/0/reason").asString()).isEqualTo("art17-request");

        Exchange nobody = get(ledger, SITE + "/visitors/never-seen/export", null);
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(JSON.readTree(nobody.body()).get("field").asString()).isEqualTo("visitorId");
    }

    private void assertRefusals(LedgerInstance ledger, Instant from) throws Exception {
        Map<String, String> refused = Map.of(
                EXPORT + "?format=xml", "format",
                EXPORT + "?from=2026-13-01T00:00:00Z", "from",
                EXPORT + "?to=yesterday", "to",
                EXPORT + "?from=" + from + "&to=" + from.minusSeconds(1), "from",
                SITE + "/visitors/bob/export?format=pdf", "format");
        for (Map.Entry<String, String> request : refused.entrySet()) {
            Exchange answer = get(ledger, request.getKey(), null);
            assertThat(answer.status()).as(request.getKey()).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(JSON.readTree(answer.body()).get("field").asString()).isEqualTo(request.getValue());
        }
        Exchange unknown = get(ledger, "/api/v1/sites/no-such-site.example/exports/events", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("field").asString()).isEqualTo("siteId");
        assertThat(get(ledger, EXPORT + "?from=" + from + "&to=" + from, null).body()).as("an empty period")
                .isEmpty();
    }

    @Test
    void onlyAKeyWithTheAuditRoleForTheSiteExportsIt() throws Exception {
        Map<String, Object> keys = new HashMap<>();
        keys.putAll(key(0, "dpo", "dpo-token-0123456789", "audit", "smartbump.opendatasoft.com"));
        keys.putAll(key(1, "elsewhere", "elsewhere-token-0123456789", "audit", "juleslesmart.opendatasoft.com"));
        keys.putAll(key(2, "banner", "banner-token-0123456789", "ingest", "*"));
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, keys)) {
            assertThat(ledger.send("POST", SITE + "/visitors/bob/consents", """
                    {"consentId": "c-1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": []}""".formatted(clock.instant()), "banner-token-0123456789").status())
                    .isEqualTo(201);
            for (String path : List.of(EXPORT, SITE + "/visitors/bob/export")) {
                var elsewhere = ledger.send("GET", path, null, "elsewhere-token-0123456789");
                assertThat(elsewhere.status()).as(path).isEqualTo(403);
                assertThat(elsewhere.json().get("field").asString()).isEqualTo("siteId");
                assertThat(ledger.send("GET", path, null, "banner-token-0123456789").status()).as(path)
                        .isEqualTo(403);
                assertThat(ledger.send("GET", path, null, null).status()).as(path).isEqualTo(401);
                assertThat(ledger.send("GET", path, null, "dpo-token-0123456789").status()).as(path)
                        .isEqualTo(200);
            }
        }
    }

    private static Map<String, Object> key(int index, String name, String token, String roles, String sites) {
        String prefix = "ledger.access.keys[" + index + "].";
        return Map.of(prefix + "name", name, prefix + "token-sha256", AccessKeys.sha256(token),
                prefix + "roles", roles, prefix + "sites", sites);
    }

    private String batch(int visitors) {
        return IntStream.range(0, visitors).mapToObj(i -> """
                {"visitorId": "later-%d", "consent": {"consentId": "later-%d", "policyVersion": 1,
                 "occurredAt": "%s", "granted": ["statistics"], "denied": []}}""".formatted(i, i, clock.instant()))
                .collect(Collectors.joining(",", "{\"decisions\": [", "]}"));
    }

    private static String created(LedgerInstance.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("eventId").asString();
    }

    record Exchange(int status, String contentType, HttpHeaders headers, String body) {
    }

    /** A GET with the ledger's generated token, and the given Accept header if any. */
    private Exchange get(LedgerInstance ledger, String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ledger.baseUrl() + path)).GET()
                .header("Authorization", "Bearer " + LedgerInstance.generatedToken(data.resolve("keys/access-token")));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Exchange(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers(), response.body());
    }
}
