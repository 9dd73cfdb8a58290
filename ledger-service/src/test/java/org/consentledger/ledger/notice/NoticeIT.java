package org.consentledger.ledger.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.verifier.BundleVerifier;
import org.consentledger.verifier.EventHash;
import org.consentledger.verifier.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A site publishes the banner it shows its visitors, in two languages and with a screenshot, as the regulator asks:
 * a copy of the information shown. An auditor reads it back byte for byte, finds it in every evidence bundle of the
 * site, proven; and an insider who changes the screenshot in the database is caught by the audit.
 */
public class NoticeIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";
    static final String NOTICE = SITE + "/notices/banner-2026-12";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void aSitePublishesTheNoticeItShowsAndTheEvidenceProvesIt() throws Exception {
        byte[] screenshot = screenshot();
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            clock.advance(Duration.ofMinutes(1));
            var published = ledger.put(NOTICE, notice("Accept all", screenshot));
            assertThat(published.status()).as(published.toString()).isEqualTo(201);
            JsonNode receipt = published.json();
            assertThat(receipt.get("noticeId").asString()).isEqualTo("banner-2026-12");
            assertThat(receipt.get("policyVersion").asInt()).isEqualTo(1);
            assertThat(receipt.get("replayed").asBoolean()).isFalse();
            String digest = receipt.get("digest").asString();
            assertThat(EventHash.isHash(digest)).isTrue();

            // Sent again by a deploy script: the same notice, the same receipt.
            var again = ledger.put(NOTICE, notice("Accept all", screenshot));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("eventId")).isEqualTo(receipt.get("eventId"));
            assertThat(again.json().get("replayed").asBoolean()).isTrue();
            // A changed label is another notice: it needs its own id, the one published stays as it was.
            var changed = ledger.put(NOTICE, notice("Accept everything", screenshot));
            assertThat(changed.status()).isEqualTo(409);
            assertThat(changed.json().get("field").asString()).isEqualTo("noticeId");

            JsonNode shown = ledger.get(NOTICE).json();
            assertThat(shown.get("digest").asString()).isEqualTo(digest);
            assertThat(shown.get("eventId")).isEqualTo(receipt.get("eventId"));
            assertThat(shown.at("/texts/en/buttonLabels/accept-all").asString()).isEqualTo("Accept all");
            assertThat(shown.at("/texts/fr-FR/title").asString()).isEqualTo("Vos choix en matière de cookies");
            assertThat(shown.at("/texts/en/categories/0/id").asString()).isEqualTo("statistics");
            JsonNode file = shown.at("/attachments/0");
            assertThat(file.get("sha256").asString()).isEqualTo(EventHash.sha256Hex(screenshot));
            assertThat(file.get("size").asLong()).isEqualTo(screenshot.length);
            HttpResponse<byte[]> bytes = ledger.getBytes(file.get("href").asString());
            assertThat(bytes.statusCode()).isEqualTo(200);
            assertThat(bytes.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(bytes.body()).isEqualTo(screenshot);
            assertThat(ledger.get(SITE + "/notices").json().at("/notices/0/languages").toString())
                    .isEqualTo("[\"en\",\"fr-FR\"]");

            // Alice chooses in the French banner; the record says so, and only what the banner offered is believed.
            clock.advance(Duration.ofMinutes(1));
            String consent = """
                    {"consentId": "c1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": ["third-party"], "noticeId": "banner-2026-12", "language": "fr-fr", "method": "%s",
                     "surface": "banner", "regulation": "gdpr", "country": "FR", "region": "FR-IDF",
                     "pageUrl": "https://smartbump.opendatasoft.com/explore", "ipAddress": "203.0.113.77",
                     "userAgent": "Firefox/146"}""";
            String chosen = consent.formatted(clock.instant(), "custom");
            assertThat(ledger.post(SITE + "/visitors/alice/consents", chosen).status()).isEqualTo(201);
            assertThat(ledger.post(SITE + "/visitors/alice/consents", chosen).status()).as("sent again").isEqualTo(200);
            var acceptingAll = ledger.post(SITE + "/visitors/bob/consents",
                    consent.formatted(clock.instant(), "accept-all").replace("\"c1\"", "\"c2\""));
            assertThat(acceptingAll.status()).as("accepting all, yet denying").isEqualTo(422);
            assertThat(acceptingAll.json().get("field").asString()).isEqualTo("method");
            var unknown = ledger.post(SITE + "/visitors/bob/consents", consent.formatted(clock.instant(), "custom")
                    .replace("\"c1\"", "\"c3\"").replace("banner-2026-12", "banner-2027"));
            assertThat(unknown.json().get("field").asString()).isEqualTo("noticeId");
            assertThat(ledger.post(SITE + "/visitors/alice/withdrawals", """
                    {"withdrawalId": "w1", "occurredAt": "%s", "categories": ["statistics"], "noticeId":
                     "banner-2026-12", "method": "reject-all", "surface": "preference-centre",
                     "pageUrl": "https://smartbump.opendatasoft.com/privacy"}""".formatted(clock.instant()))
                    .status()).isEqualTo(201);
            JsonNode events = ledger.get(SITE + "/visitors/alice/events").json().get("events");
            assertThat(events.at("/0/context").toString()).isEqualTo("{\"noticeId\":\"banner-2026-12\","
                    + "\"language\":\"fr-FR\",\"method\":\"custom\",\"surface\":\"banner\",\"regulation\":\"gdpr\","
                    + "\"country\":\"FR\",\"region\":\"FR-IDF\"}");
            assertThat(events.at("/0/evidence/ipAddress").asString()).as("cut to its network").isEqualTo("203.0.113.0");
            assertThat(events.at("/0/evidence/pageUrl").asString()).endsWith("/explore");
            assertThat(events.at("/1/context/method").asString()).isEqualTo("reject-all");
            assertThat(events.at("/1/evidence/pageUrl").asString()).endsWith("/privacy");
            ledger.awaitProjectionsCaughtUp();
            // The site's stream holds the notice beside the policy versions; neither is taken for the other.
            assertThat(ledger.get(SITE + "/policies").json().get("versions")).hasSize(1);
            var answer = ledger.get(SITE + "/visitors/alice/consent");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().at("/basis/events").asInt()).isEqualTo(2);

            // Every bundle of the site holds the notice and proves it, down to its screenshot's digest.
            PublicKey key = Main.readPublicKey(ledger.get("/.well-known/consent-ledger/checkpoint-key.pem").body());
            String bundle = ledger.get(SITE + "/visitors/alice/evidence").body();
            BundleVerifier.Verification verified = BundleVerifier.verify(bundle, key);
            assertThat(verified.verified()).as(verified.findings().toString()).isTrue();
            assertThat(notice(verified).statement()).contains("banner-2026-12", digest, "en, fr-FR",
                    "accept-all, reject-all, customize", "1 file(s)");
            BundleVerifier.Verification altered =
                    BundleVerifier.verify(bundle.replace("Accept all", "Accept alk"), key);
            assertThat(altered.verified()).isFalse();
            assertThat(notice(altered).holds()).as("the notice no longer has its digest").isFalse();
            assertThat(audit(ledger).get("intact").asBoolean()).isTrue();

            // Someone with the database password swaps the screenshot: the audit names the notice's event.
            JdbcClient db = ledger.bean(JdbcClient.class);
            byte[] other = screenshot.clone();
            other[other.length - 20] ^= 1;
            db.sql("update notice_attachment set content = ?").param(other).update();
            JsonNode tampered = audit(ledger);
            assertThat(tampered.get("intact").asBoolean()).isFalse();
            assertThat(tampered.at("/problem/eventId")).isEqualTo(receipt.get("eventId"));
            assertThat(tampered.at("/problem/description").asString()).contains("was changed");
            assertThat(ledger.getBytes(file.get("href").asString()).statusCode()).isEqualTo(500);
            db.sql("delete from notice_attachment").update();
            assertThat(audit(ledger).at("/problem/description").asString()).contains("no longer kept");
        }
    }

    @Test
    void aNoticeThatDoesNotAddUpIsRefusedNamingTheFieldAndNothingIsRecorded() throws Exception {
        byte[] screenshot = screenshot();
        String good = notice("Accept all", screenshot);
        String notPng = Base64.getEncoder().encodeToString("GIF89a, not a PNG".getBytes());
        record Case(String body, String path, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case(good.replace("\"policyVersion\": 1", "\"policyVersion\": 9"), NOTICE, 422, "policyVersion"),
                new Case(good.replace("\"close\"]", "\"maybe-later\"]"), NOTICE, 422, "buttons[3]"),
                new Case(good.replace("\"reject-all\": \"Reject all\", ", ""), NOTICE, 422, "texts.en.buttonLabels"),
                new Case(good.replace("\"close\": \"Close\"", "\"close\": \"Close\", \"save\": \"Save\""), NOTICE, 422,
                        "texts.en.buttonLabels"),
                new Case(good.replace("{\"id\": \"statistics\"", "{\"id\": \"marketing\""), NOTICE, 422,
                        "texts.en.categories[0].id"),
                new Case(good.replace("\"fr-FR\":", "\"not a language\":"), NOTICE, 422, "texts.not a language"),
                new Case(good.replace(Base64.getEncoder().encodeToString(screenshot), notPng), NOTICE, 422,
                        "attachments[0].content"),
                new Case(good.replace(Base64.getEncoder().encodeToString(screenshot), "%%%"), NOTICE, 422,
                        "attachments[0].content"),
                new Case(good, SITE + "/notices/not%20an%20id", 400, "noticeId"),
                new Case(good, "/api/v1/sites/no-such-site.example/notices/banner", 404, "siteId"));
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            long events = audit(ledger).get("eventsChecked").asLong();
            for (Case refused : cases) {
                var answer = ledger.put(refused.path(), refused.body());
                assertThat(answer.status()).as(refused.field() + ": " + answer).isEqualTo(refused.status());
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().get("field").asString()).as(answer.toString())
                        .isEqualTo(refused.field());
            }
            assertThat(audit(ledger).get("eventsChecked").asLong()).as("nothing recorded").isEqualTo(events);
            assertThat(ledger.get(SITE + "/notices").json().get("notices")).isEmpty();
            assertThat(ledger.bean(JdbcClient.class).sql("select count(*) from notice_attachment").query(Long.class)
                    .single()).isZero();
        }
    }

    private static BundleVerifier.Finding notice(BundleVerifier.Verification verification) {
        return verification.findings().stream().filter(f -> f.check() == BundleVerifier.Check.NOTICE).findFirst()
                .orElseThrow();
    }

    private static JsonNode audit(LedgerInstance ledger) {
        return ledger.post("/api/v1/audit/verify", "").json();
    }

    /** The banner as the site shows it, in English and French, offering three buttons and a close button. */
    public static String notice(String acceptLabel, byte[] screenshot) {
        return """
                {"policyVersion": 1, "buttons": ["accept-all", "reject-all", "customize", "close"],
                 "texts": {
                   "en": {"title": "Your cookie choices", "body": "We use cookies for statistics and for partners.",
                          "buttonLabels": {"accept-all": "%s", "reject-all": "Reject all", "customize": "Choose", "close": "Close"},
                          "categories": [{"id": "statistics", "name": "Statistics", "description": "Audience measurement"},
                                         {"id": "third-party", "name": "Partners"}],
                          "vendors": [{"name": "Google Analytics", "iabId": 755}]},
                   "fr-FR": {"title": "Vos choix en matière de cookies", "body": "Nous utilisons des cookies.",
                          "buttonLabels": {"accept-all": "Tout accepter", "reject-all": "Tout refuser",
                                           "customize": "Choisir", "close": "Fermer"}}},
                 "attachments": [{"name": "banner-en.png", "mediaType": "image/png", "content": "%s"}]}
                """.formatted(acceptLabel, Base64.getEncoder().encodeToString(screenshot));
    }

    /** A small real PNG, as a screenshot of the banner would be. */
    public static byte[] screenshot() throws IOException {
        BufferedImage image = new BufferedImage(64, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            image.setRGB(x, x % 24, 0x3366cc);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
