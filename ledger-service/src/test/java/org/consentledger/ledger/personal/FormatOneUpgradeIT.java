package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.ledger.LedgerProcess;
import org.consentledger.ledger.TestDatabase;
import org.consentledger.verifier.BundleVerifier;
import org.consentledger.verifier.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator upgrades a ledger the previous release wrote (evidence format 1, visitor ids in clear; the fixture in
 * {@code src/test/resources/format-one}). The new release starts on it, answers each visitor as before, still proves
 * what was proven, folds a visitor's new decisions in with their old ones, and can erase visitors recorded before the
 * upgrade: their old events are redacted in place while every hash and chain still holds.
 */
class FormatOneUpgradeIT {

    static final String SITE = "/api/v1/sites/shop.example.org";
    static final String MARKER = "FORMATONEMARKER";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void aLedgerOfThePreviousReleaseKeepsAnsweringProvingAndCanForget() throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("ledger.test.database"));
        JsonNode expected = JSON.readTree(resource("expected.json")).get(postgres ? "postgres" : "h2");
        restoreFixture(postgres);
        // Carol's consent expires one day: she is asked about when the previous release was.
        String carolAsked = expected.get("visitors").get("carol-format-one").get("consent").get("at").asString();

        try (LedgerProcess ledger = LedgerProcess.start(data, data.resolve("run-1"), List.of())) {
            PublicKey key = Main.readPublicKey(
                    ledger.send("GET", "/.well-known/consent-ledger/checkpoint-key.pem", null).body());
            assertThat(key.getEncoded()).as("the same checkpoint key as before the upgrade")
                    .isEqualTo(Main.readPublicKey(new String(resource("public-key.pem"), StandardCharsets.US_ASCII))
                            .getEncoded());
            if (!postgres) {
                assertThat(BundleVerifier.verify(new String(resource("alice-bundle.json"), StandardCharsets.UTF_8), key)
                        .verified()).as("a bundle the previous release issued").isTrue();
            }

            // Every visitor is answered exactly as the previous release answered them.
            for (String visitor : List.of("alice-format-one", "bob-format-one", "carol-format-one")) {
                JsonNode before = expected.get("visitors").get(visitor).get("consent");
                JsonNode now = consent(ledger, visitor, before.get("at").asString());
                for (String member : List.of("policyVersion", "categories", "cookies", "basis")) {
                    assertThat(now.get(member)).as(visitor + " " + member).isEqualTo(before.get(member));
                }
            }
            assertIntact(ledger, 0);

            // A banner that did not hear back sends Alice's consent again: the one recorded before the upgrade answers.
            JsonNode requests = JSON.readTree(resource("expected.json")).get("requests");
            String firstConsent = requests.get("POST alice-format-one/consents").toString();
            var resent = ledger.send("POST", SITE + "/visitors/alice-format-one/consents", firstConsent);
            assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
            assertThat(resent.json().get("eventId").asString()).isEqualTo(expected.get("visitors")
                    .get("alice-format-one").get("consents").get("alice-consent-1").get("eventId").asString());
            var reused = ledger.send("POST", SITE + "/visitors/alice-format-one/consents",
                    firstConsent.replace("\"denied\":[\"marketing\"]", "\"denied\":[]"));
            assertThat(reused.status()).as(reused.toString()).isEqualTo(409);
            var resentWithdrawal = ledger.send("POST", SITE + "/visitors/alice-format-one/withdrawals",
                    requests.get("POST alice-format-one/withdrawals").toString());
            assertThat(resentWithdrawal.status()).as(resentWithdrawal.toString()).isEqualTo(200);

            // Alice comes back and allows marketing: her old withdrawal of statistics still stands beside it.
            String withdrawal = expected.get("visitors").get("alice-format-one").get("withdrawals")
                    .get("alice-withdrawal-1").get("eventId").asString();
            var given = ledger.send("POST", SITE + "/visitors/alice-format-one/consents", """
                    {"consentId": "alice-consent-2", "policyVersion": 2, "occurredAt": "%s",
                     "granted": ["marketing"], "denied": [], "evidence": {"userAgent": "after FORMATONEMARKER"}}"""
                    .formatted(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)));
            assertThat(given.status()).as(given.toString()).isEqualTo(201);
            JsonNode alice = consent(ledger, "alice-format-one", null);
            assertThat(status(alice, "marketing")).isEqualTo("GRANTED");
            assertThat(status(alice, "statistics")).isEqualTo("WITHDRAWN");
            assertThat(category(alice, "statistics").get("decidedBy").asString()).isEqualTo(withdrawal);
            assertThat(alice.get("basis").get("events").asInt()).isEqualTo(3);
            assertThat(events(ledger, "alice-format-one")).hasSize(3);
            String aliceBundle = ledger.send("GET", SITE + "/visitors/alice-format-one/evidence", null).body();
            assertThat(BundleVerifier.verify(aliceBundle, key).verified()).as(aliceBundle).isTrue();
            assertThat(aliceBundle).contains("\"format\":1", "\"format\":2", "shop.example.org/alice-format-one");

            // Bob, recorded only before the upgrade, and Alice ask to be forgotten.
            // Each request has a ticket of the site's own, which names no visitor.
            Map<String, String> tickets = new LinkedHashMap<>();
            tickets.put("bob-format-one", "ticket-17");
            tickets.put("alice-format-one", "ticket-18");
            for (String visitor : tickets.keySet()) {
                var erased = ledger.send("POST", SITE + "/visitors/" + visitor + "/erasure",
                        "{\"erasureId\": \"" + tickets.get(visitor) + "\", \"reason\": \"art17-request\"}");
                assertThat(erased.status()).as(erased.toString()).isEqualTo(202);
                JsonNode answer = consent(ledger, visitor, null);
                assertThat(answer.get("erased").get("erasureId").asString()).isEqualTo(tickets.get(visitor));
                assertThat(answer.get("basis").get("events").asInt()).isZero();
                for (JsonNode event : events(ledger, visitor)) {
                    assertThat(event.has("visitorId")).as(event.toString()).isFalse();
                    assertThat(event.toString()).doesNotContain(MARKER);
                }
                String bundle = ledger.send("GET", SITE + "/visitors/" + visitor + "/evidence", null).body();
                BundleVerifier.Verification verification = BundleVerifier.verify(bundle, key);
                assertThat(verification.verified()).as(bundle).isTrue();
                // The bundle names the visitor it was asked about, and nothing it held of them.
                assertThat(bundle).contains("\"payload\":\"erased\"", "subject.erased")
                        .doesNotContain("shop.example.org/" + visitor, MARKER);
            }
            List<JsonNode> bob = events(ledger, "bob-format-one");
            assertThat(bob).extracting(e -> e.get("type").asString()).containsExactly("ConsentGiven", "SubjectErased");
            assertThat(bob.get(0).get("personal").asString()).isEqualTo("erased");
            assertThat(events(ledger, "alice-format-one")).hasSize(4);
            // Alice's and Bob's old events, their subject.erased events, and Alice's new consent.
            assertIntact(ledger, 6);
            assertThat(status(consent(ledger, "carol-format-one", carolAsked), "personalisation")).isEqualTo("GRANTED");
        }

        String tables = TestDatabase.textOfEveryTable(data);
        assertThat(tables).contains("carol-format-one").doesNotContain("alice-format-one", "bob-format-one");

        // A restart, and a replay of the read models, keep them forgotten and Carol answered.
        try (LedgerProcess restarted = LedgerProcess.start(data, data.resolve("run-2"), List.of())) {
            restarted.replayReadModels();
            assertThat(consent(restarted, "bob-format-one", null).get("basis").get("events").asInt()).isZero();
            assertThat(status(consent(restarted, "carol-format-one", carolAsked), "statistics")).isEqualTo("GRANTED");
            assertIntact(restarted, 6);
        }

        // An insider redacts Carol's consent as if she had been erased: no erasure stands behind it.
        String carolConsent = expected.get("visitors").get("carol-format-one").get("consents").get("carol-consent-1")
                .get("eventId").asString();
        String url = TestDatabase.forDirectory(data).get("spring.datasource.url").toString();
        try (Connection db = url.startsWith("jdbc:h2:") ? DriverManager.getConnection(url, "ledger", "")
                : DriverManager.getConnection(url);
             var redact = db.prepareStatement("""
                     update domain_event_entry set payload = ?, payload_revision = 'erased',
                            aggregate_identifier = 'shop.example.org/p-forged/format-1'
                      where event_identifier = ?""")) {
            redact.setBytes(1, "\"erased\"".getBytes(StandardCharsets.US_ASCII));
            redact.setString(2, carolConsent);
            assertThat(redact.executeUpdate()).isEqualTo(1);
        }
        try (LedgerProcess audited = LedgerProcess.start(data, data.resolve("run-3"), List.of())) {
            JsonNode audit = audited.send("POST", "/api/v1/audit/verify", null).json();
            assertThat(audit.get("intact").asBoolean()).as(audit.toString()).isFalse();
            assertThat(audit.at("/problem/eventId").asString()).isEqualTo(carolConsent);
            assertThat(audit.at("/problem/description").asString()).contains("no erasure");
        }
    }

    /** The fixture's database in this test's directory, with the keys the previous release made. */
    private void restoreFixture(boolean postgres) throws Exception {
        Files.createDirectories(data.resolve("keys"));
        Files.write(data.resolve("keys/checkpoint.pem"), resource("h2/keys/checkpoint-ed25519.pem"));
        Files.write(data.resolve("keys/access-token"), resource("h2/keys/access-token"));
        if (!postgres) {
            Files.write(data.resolve("ledger.mv.db"), resource("h2/ledger.mv.db"));
            return;
        }
        String url = TestDatabase.forDirectory(data).get("spring.datasource.url").toString();
        try (Connection db = DriverManager.getConnection(url)) {
            db.createStatement().execute(new String(resource("postgres.sql"), StandardCharsets.UTF_8));
        }
    }

    private static JsonNode consent(LedgerProcess ledger, String visitor, String at) throws Exception {
        String query = at == null ? "" : "?at=" + at + "&asOf=" + at;
        var answer = ledger.send("GET", SITE + "/visitors/" + visitor + "/consent" + query, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static List<JsonNode> events(LedgerProcess ledger, String visitor) throws Exception {
        var listed = ledger.send("GET", SITE + "/visitors/" + visitor + "/events", null);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        return listed.json().get("events").valueStream().toList();
    }

    private static void assertIntact(LedgerProcess ledger, int erasedEvents) throws Exception {
        var audit = ledger.send("POST", "/api/v1/audit/verify", null);
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.json().get("intact").asBoolean()).as(audit.body()).isTrue();
        assertThat(audit.json().get("erasedEvents").asInt()).as(audit.body()).isEqualTo(erasedEvents);
    }

    private static JsonNode category(JsonNode answer, String id) {
        return answer.get("categories").valueStream().filter(c -> c.get("id").asString().equals(id)).findFirst()
                .orElseThrow();
    }

    private static String status(JsonNode answer, String id) {
        return category(answer, id).get("status").asString();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = FormatOneUpgradeIT.class.getResourceAsStream("/format-one/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
