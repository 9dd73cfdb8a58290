package org.consentledger.ledger.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.LoggedWarnings;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The shop lets its visitors' browsers record their choices themselves: the admin allows the shop's origins and
 * hands the banner the site's publishable key. A page on the shop records a consent as JSON and a withdrawal as a
 * beacon (text/plain); each event says it came from a browser on the shop's origin. The key survives a restart and
 * can be rotated, after which the old one is refused.
 */
class CollectIT {

    static final String SITE = "smartbump.opendatasoft.com";
    static final String COLLECT = "/api/v1/collect/" + SITE;
    static final String SETTINGS = "/api/v1/admin/sites/" + SITE + "/collection";
    static final String SHOP = "https://shop.example";
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    static String consent(String key, String visitor, String consentId, Instant at) {
        return """
                {"key": "%s", "visitorId": "%s", "consent": {"consentId": "%s", "policyVersion": 1,
                 "occurredAt": "%s", "granted": ["statistics"], "denied": ["third-party"], "method": "custom",
                 "surface": "banner", "pageUrl": "https://shop.example/cart"}}""".formatted(key, visitor, consentId, at);
    }

    @Test
    void aBannerRecordsItsVisitorsChoicesFromTheSitesOwnPages() {
        String key;
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            var configured = ledger.put(SETTINGS, """
                    {"allowedOrigins": ["HTTPS://Shop.Example:443", "http://localhost:8080"]}""");
            assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
            key = configured.json().get("publishableKey").asString();
            assertThat(key).startsWith("pk_");
            assertThat(configured.json().get("allowedOrigins").valueStream().map(JsonNode::asString))
                    .containsExactly(SHOP, "http://localhost:8080");
            assertThat(ledger.put(SETTINGS, """
                    {"allowedOrigins": ["https://shop.example"]}""").json().get("publishableKey").asString())
                    .as("changing the origins keeps the key").isEqualTo(key);

            Browser browser = new Browser(ledger.baseUrl());
            var preflight = browser.preflight(COLLECT, "Origin", SHOP, "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "content-type");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("content-type");

            Instant chosen = clock.advance(Duration.ofMinutes(1));
            var recorded = browser.post(COLLECT, "application/json", consent(key, "v-1", "c-1", chosen),
                    "Origin", SHOP, "User-Agent", USER_AGENT);
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            assertThat(recorded.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            assertThat(recorded.json().get("visitorId").asString()).isEqualTo("v-1");
            var again = browser.post(COLLECT, "text/plain;charset=UTF-8", consent(key, "v-1", "c-1", chosen),
                    "Origin", SHOP, "User-Agent", USER_AGENT);
            assertThat(again.status()).as("the same choice sent again, as a beacon").isEqualTo(200);
            assertThat(again.json().get("eventId")).isEqualTo(recorded.json().get("eventId"));

            Instant withdrawn = clock.advance(Duration.ofMinutes(1));
            var beacon = browser.post(COLLECT, "text/plain;charset=UTF-8", """
                    {"key": "%s", "visitorId": "v-1", "withdrawal": {"withdrawalId": "w-1", "occurredAt": "%s",
                     "all": true}}""".formatted(key, withdrawn), "Origin", SHOP, "User-Agent", USER_AGENT,
                    "Sec-GPC", "1");
            assertThat(beacon.status()).as(beacon.toString()).isEqualTo(201);

            JsonNode events = ledger.get("/api/v1/sites/" + SITE + "/visitors/v-1/events").json().get("events");
            assertThat(events).hasSize(2);
            for (JsonNode event : events) {
                assertThat(event.at("/browser/origin").asString()).as(event.toString()).isEqualTo(SHOP);
                assertThat(event.at("/evidence/userAgent").asString()).isEqualTo(USER_AGENT);
                assertThat(event.at("/evidence/ipAddress").asString()).as("cut to its network").isEqualTo("127.0.0.0");
            }
            assertThat(events.get(0).at("/evidence/pageUrl").asString()).isEqualTo("https://shop.example/cart");
            assertThat(events.get(0).at("/context/surface").asString()).isEqualTo("banner");
        }

        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            Browser browser = new Browser(ledger.baseUrl());
            assertThat(ledger.get(SETTINGS).json().get("publishableKey").asString()).as("after a restart")
                    .isEqualTo(key);
            Instant chosen = clock.advance(Duration.ofMinutes(1));
            assertThat(browser.post(COLLECT, "application/json", consent(key, "v-2", "c-2", chosen), "Origin", SHOP)
                    .status()).isEqualTo(201);

            var rotated = ledger.post(SETTINGS + "/key", "");
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            String newKey = rotated.json().get("publishableKey").asString();
            assertThat(newKey).startsWith("pk_").isNotEqualTo(key);
            var old = browser.post(COLLECT, "application/json", consent(key, "v-2", "c-3", chosen), "Origin", SHOP);
            assertThat(old.status()).isEqualTo(403);
            assertThat(old.json().get("field").asString()).isEqualTo("key");
            assertThat(browser.post(COLLECT, "application/json", consent(newKey, "v-2", "c-3", chosen),
                    "Origin", SHOP).status()).isEqualTo(201);
        }
    }

    /**
     * Anyone can send what a browser sends, so the endpoint trusts nothing it is not given by the site: its key, its
     * origins, a body of a banner's size, a person's pace. Each refusal is a problem naming what was wrong, and none
     * records anything; a flood from one address leaves other clients and the authenticated API answered.
     */
    @Test
    void whatABrowserCannotBeTrustedWithIsRefusedAndNothingIsRecorded() {
        Map<String, Object> limits = Map.of("ledger.collect.address-burst", 40,
                "ledger.collect.address-requests-per-second", 1, "ledger.collect.visitor-decisions-per-minute", 2);
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, limits)) {
            Browser browser = new Browser(ledger.baseUrl());
            Instant chosen = clock.advance(Duration.ofMinutes(1));
            var unknown = browser.post(COLLECT, "application/json", consent("pk_x", "v", "c", chosen),
                    "Origin", SHOP);
            assertRefused(unknown, 404, "siteId");

            String key = ledger.put(SETTINGS, """
                    {"allowedOrigins": ["https://shop.example"]}""").json().get("publishableKey").asString();
            long head = head(ledger);
            assertRefused(browser.post(COLLECT, "application/json", consent("pk_wrong", "v", "c", chosen),
                    "Origin", SHOP), 403, "key");
            assertRefused(browser.post(COLLECT, "application/json", consent(key, "v", "c", chosen)
                    .replace("\"key\": \"" + key + "\", ", ""), "Origin", SHOP), 403, "key");
            var elsewhere = browser.post(COLLECT, "application/json", consent(key, "v", "c", chosen),
                    "Origin", "https://evil.example");
            assertRefused(elsewhere, 403, "Origin");
            assertThat(elsewhere.header("Access-Control-Allow-Origin")).isNull();
            assertRefused(browser.post(COLLECT, "application/json", consent(key, "v", "c", chosen)), 403, "Origin");
            assertThat(browser.preflight(COLLECT, "Origin", "https://evil.example",
                    "Access-Control-Request-Method", "POST").status()).isEqualTo(403);
            assertRefused(browser.post(COLLECT, "application/json", consent(key, "v", "c", chosen)
                    .replace("\"custom\"", "\"custom\", \"source\": \"" + "x".repeat(17_000) + "\""),
                    "Origin", SHOP), 413, "body");
            assertRefused(browser.post(COLLECT, "text/plain", "{\"key\": \"" + key + "\", \"visitorId\": ",
                    "Origin", SHOP), 400, null);
            assertRefused(browser.post(COLLECT, "application/json", consent(key, "v", "c", chosen)
                    .replace("\"surface\"", "\"ipAddress\": \"10.1.2.3\", \"surface\""), "Origin", SHOP), 422,
                    "consent.ipAddress");
            assertRefused(browser.post(COLLECT, "application/json", consent(key, "v", "c", chosen)
                    .replace("[\"statistics\"]", "[\"no-such-category\"]"), "Origin", SHOP), 422,
                    "consent.granted[0]");
            assertRefused(browser.post(COLLECT, "application/xml", consent(key, "v", "c", chosen), "Origin", SHOP),
                    415, null);
            assertThat(head(ledger)).as("nothing refused was recorded").isEqualTo(head);

            // A person does not make a third choice within the minute; a script does.
            assertThat(browser.post(COLLECT, "application/json", consent(key, "p", "c1", chosen), "Origin", SHOP)
                    .status()).isEqualTo(201);
            assertThat(browser.post(COLLECT, "application/json", consent(key, "p", "c2", chosen), "Origin", SHOP)
                    .status()).isEqualTo(201);
            var third = browser.post(COLLECT, "application/json", consent(key, "p", "c3", chosen), "Origin", SHOP);
            assertRefused(third, 429, "visitorId");
            assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(third.header("Access-Control-Allow-Origin")).as("the page can read why").isEqualTo(SHOP);
            long afterTwo = head(ledger);
            assertThat(afterTwo).isEqualTo(head + 2);

            // This address floods: beyond its burst it is refused, and the authenticated API still answers it.
            // Refusing a flood is routine: it must not fill the operator's log.
            int refused = 0;
            try (LoggedWarnings warnings = LoggedWarnings.capture()) {
                for (int i = 0; i < 60; i++) {
                    var flood = browser.post(COLLECT, "application/json", consent(key, "f-" + i, "c", chosen),
                            "Origin", SHOP);
                    if (flood.status() == 429) {
                        refused++;
                        assertThat(flood.header("Retry-After")).isNotNull();
                        assertThat(flood.json().get("status").asInt()).isEqualTo(429);
                    }
                }
                assertThat(warnings.lines()).isEmpty();
            }
            assertThat(refused).isGreaterThan(0);
            assertThat(ledger.get("/api/v1/sites/" + SITE + "/visitors/p/consent?at=" + chosen).status())
                    .isEqualTo(200);
            assertThat(head(ledger)).isEqualTo(afterTwo + (60 - refused));
        }
    }

    private static void assertRefused(Browser.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.json().get("field").asString()).isEqualTo(field);
        }
    }

    private static long head(LedgerInstance ledger) {
        return ledger.get("/api/v1/admin/projections").json().get("head").asLong();
    }
}
