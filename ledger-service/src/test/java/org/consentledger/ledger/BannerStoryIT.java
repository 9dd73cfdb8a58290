package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.consentledger.ledger.notice.NoticeIT;
import org.consentledger.ledger.signals.GppStringsTest;
import org.consentledger.ledger.signals.TcStringsTest;
import org.consentledger.verifier.BundleVerifier;
import org.consentledger.verifier.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A banner asks the ledger whether to show itself. The site publishes a policy version that keeps a consent ten days
 * and a refusal five, whose Global Privacy Control opt-out covers its advertising partners, and the notice that
 * presents it. Alice chooses on that notice with her CMP's TC and GPP strings; Carol's browser sends GPC; Bob was never
 * asked. As days pass and a new version appears, each answer says who to ask again and why, at every instant as the
 * ledger knew it then, after a restart and after the read models are rebuilt; Alice's bundle proves it offline.
 */
class BannerStoryIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String aliceEvent;
    int vendor;
    JsonNode sectionIds;

    @Test
    void theBannerKnowsWhoToAskAgainAndWhy() throws Exception {
        Map<String, Object> settings = Map.of("ledger.consent.renew-before", "P2D");
        Instant effective;
        Instant chosen;
        Instant version3Known;
        // A TC string without publisher restrictions, consenting to purpose 1 and to some vendors.
        JsonNode tc = TcStringsTest.vectors().get("cases").valueStream()
                .filter(c -> c.get("publisherRestrictions").isEmpty() && c.get("vendorConsents").size() > 0
                        && c.get("purposeConsents").valueStream().anyMatch(p -> p.asInt() == 1))
                .findFirst().orElseThrow();
        String tcString = tc.get("tcString").asString();
        JsonNode gpp = GppStringsTest.vectors().get("cases").get(2);
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, settings)) {
            effective = clock.advance(Duration.ofMinutes(1));
            var version2 = ledger.put(SITE + "/policies/2", policy(effective, ""));
            assertThat(version2.status()).as(version2.toString()).isEqualTo(201);
            var notice = ledger.put(SITE + "/notices/banner-v2", NoticeIT.notice("Accept all", NoticeIT.screenshot())
                    .replace("\"policyVersion\": 1", "\"policyVersion\": 2"));
            assertThat(notice.status()).as(notice.toString()).isEqualTo(201);

            chosen = clock.advance(Duration.ofMinutes(1));
            var alice = ledger.post(SITE + "/visitors/alice/consents", """
                    {"consentId": "a1", "policyVersion": 2, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": ["first-party", "third-party"], "noticeId": "banner-v2", "language": "en",
                     "method": "custom", "surface": "banner", "regulation": "gdpr", "country": "FR",
                     "tcString": "%s", "gppString": "%s"}"""
                    .formatted(chosen, tcString, gpp.get("gppString").asString()));
            assertThat(alice.status()).as(alice.toString()).isEqualTo(201);
            aliceEvent = alice.json().get("eventId").asString();
            vendor = tc.get("vendorConsents").get(0).asInt();
            sectionIds = gpp.get("sectionIds");
            String gpcConsent = """
                    {"consentId": "c1", "policyVersion": 2, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": [], "method": "%s", "regulation": "ccpa", "country": "US", "region": "US-CA"}""";
            var withoutSignal = ledger.post(SITE + "/visitors/carol/consents", gpcConsent.formatted(chosen, "gpc"));
            assertThat(withoutSignal.status()).as("method gpc without the signal").isEqualTo(422);
            assertThat(withoutSignal.json().get("field").asString()).isEqualTo("method");
            var carol = ledger.post(SITE + "/visitors/carol/consents", gpcConsent.formatted(chosen, "gpc"),
                    "Sec-GPC", "1");
            assertThat(carol.status()).as(carol.toString()).isEqualTo(201);
            assertThat(ledger.post(SITE + "/visitors/carol/consents", gpcConsent.formatted(chosen, "gpc"),
                    "Sec-GPC", "1").status()).as("sent again").isEqualTo(200);

            // Ten days on, the site publishes version 3, which adds a category; it takes effect a day later.
            clock.advance(Duration.ofDays(9));
            version3Known = clock.instant();
            var version3 = ledger.put(SITE + "/policies/3", policy(version3Known.plus(Duration.ofDays(1)),
                    ", {\"id\": \"personalisation\", \"name\": \"Personalisation\", \"consentRequired\": true}"));
            assertThat(version3.status()).as(version3.toString()).isEqualTo(201);
            clock.advance(Duration.ofDays(3));
            ledger.awaitProjectionsCaughtUp();
            assertTheBannersAnswers(ledger, chosen, version3Known);
        }
        try (LedgerInstance restarted = LedgerInstance.start(data, clock, settings)) {
            restarted.awaitProjectionsCaughtUp();
            assertTheBannersAnswers(restarted, chosen, version3Known);
            assertThat(restarted.post("/api/v1/admin/projections/replay", "").status()).isEqualTo(202);
            restarted.awaitProjectionsCaughtUp();
            assertTheBannersAnswers(restarted, chosen, version3Known);

            PublicKey key = Main.readPublicKey(restarted.get("/.well-known/consent-ledger/checkpoint-key.pem")
                    .body());
            String at = chosen.plus(Duration.ofDays(6)).toString();
            String bundle = restarted.get(SITE + "/visitors/alice/evidence?at=" + at).body();
            BundleVerifier.Verification verified = BundleVerifier.verify(bundle, key);
            assertThat(verified.verified()).as(verified.findings().toString()).isTrue();
            assertThat(bundle).contains("\"askReasons\":[\"refusal-expired\"]", tcString, "banner-v2");
            assertThat(BundleVerifier.verify(bundle.replace(tcString, tcString.substring(0, tcString.length() - 1)
                    + (tcString.endsWith("A") ? "B" : "A")), key).verified()).as("a TC string altered").isFalse();
            assertThat(BundleVerifier.verify(bundle.replace("\"askReasons\":[\"refusal-expired\"]",
                    "\"askReasons\":[]"), key).verified()).as("an answer altered").isFalse();
        }
    }

    private void assertTheBannersAnswers(LedgerInstance ledger, Instant chosen, Instant version3Known) {
        Instant now = clock.instant();
        Instant nextMinute = chosen.plus(Duration.ofMinutes(1));
        JsonNode fresh = answer(ledger, "alice", nextMinute, now);
        assertThat(fresh.get("mustAsk").asBoolean()).isFalse();
        assertThat(reasons(fresh)).isEmpty();
        assertThat(fresh.get("renewBefore").asString()).isEqualTo("PT48H");
        assertThat(reasons(answer(ledger, "bob", nextMinute, now))).containsExactly("never-asked");

        // Carol's browser said no to the partners: GPC, not her own refusal, and Consent Mode denies ads. The signal
        // says nothing of first-party cookies, which she was never asked about.
        JsonNode carol = answer(ledger, "carol", nextMinute, now);
        assertThat(status(carol, "third-party")).isEqualTo("GPC");
        assertThat(status(carol, "statistics")).isEqualTo("GRANTED");
        assertThat(carol.at("/cookies").findValuesAsString("reason")).contains("GPC");
        assertThat(reasons(carol)).containsExactly("new-categories");
        JsonNode mode = ledger.get(SITE + "/visitors/carol/consent-mode?at=" + nextMinute + "&asOf=" + now).json();
        assertThat(mode.at("/consent/ad_storage").asString()).isEqualTo("denied");
        assertThat(mode.at("/consent/analytics_storage").asString()).isEqualTo("granted");

        // Alice's refusal of first-party cookies is five days old on the sixth; her consent is near its end on the
        // ninth; on the eleventh it has expired, and the notice she chose on presents a version no longer in force.
        assertThat(reasons(answer(ledger, "alice", chosen.plus(Duration.ofDays(6)), now)))
                .containsExactly("refusal-expired");
        assertThat(reasons(answer(ledger, "alice", chosen.plus(Duration.ofDays(9)), version3Known.minusSeconds(1))))
                .containsExactly("refusal-expired", "expires-soon");
        JsonNode later = answer(ledger, "alice", now, now);
        assertThat(later.get("policyVersion").asInt()).isEqualTo(3);
        assertThat(reasons(later)).containsExactly("consent-expired", "refusal-expired", "new-categories",
                "notice-changed");
        // As the ledger knew it before version 3 was published, the same instant speaks of version 2 only.
        JsonNode knownThen = answer(ledger, "alice", now, version3Known.minusSeconds(1));
        assertThat(knownThen.get("policyVersion").asInt()).isEqualTo(2);
        assertThat(reasons(knownThen)).containsExactly("consent-expired", "refusal-expired");

        // Her CMP's strings stay in force, whatever the categories' fate: only the CMP can change what they say.
        JsonNode tcf = ledger.get(SITE + "/visitors/alice/tcf?at=" + now + "&asOf=" + now).json();
        assertThat(tcf.get("decidedBy").asString()).isEqualTo(aliceEvent);
        assertThat(tcf.get("purposeConsents").valueStream().map(JsonNode::asInt)).contains(1);
        assertThat(ledger.get(SITE + "/visitors/alice/tcf?at=" + chosen.minusSeconds(1) + "&asOf=" + now).json()
                .get("decidedBy").isNull()).as("before she chose").isTrue();
        JsonNode allowed = ledger.get(SITE + "/visitors/alice/tcf/vendors/" + vendor + "?purpose=1&at=" + now).json();
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        assertThat(allowed.get("basis").asString()).isEqualTo("consent");
        JsonNode unknown = ledger.get(SITE + "/visitors/alice/tcf/vendors/9999?purpose=1&at=" + now).json();
        assertThat(unknown.get("allowed").asBoolean()).as("a vendor the string does not name").isFalse();
        JsonNode gppAnswer = ledger.get(SITE + "/visitors/alice/gpp?at=" + now + "&asOf=" + now).json();
        assertThat(gppAnswer.get("decidedBy").asString()).isEqualTo(aliceEvent);
        assertThat(gppAnswer.get("sectionIds")).isEqualTo(sectionIds);
    }

    private static JsonNode answer(LedgerInstance ledger, String visitor, Instant at, Instant asOf) {
        var answer = ledger.get(SITE + "/visitors/" + visitor + "/consent?at=" + at + "&asOf=" + asOf);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> reasons(JsonNode answer) {
        return answer.get("askReasons").valueStream().map(JsonNode::asString).toList();
    }

    private static String status(JsonNode answer, String category) {
        return answer.get("categories").valueStream().filter(c -> c.get("id").asString().equals(category))
                .findFirst().orElseThrow().get("status").asString();
    }

    /** A version that keeps a consent ten days and a refusal five, GPC opting out of the partners' cookies. */
    private static String policy(Instant effectiveFrom, String moreCategories) {
        return """
                {"effectiveFrom": "%s", "consentMaxAge": "P10D", "refusalMaxAge": "P5D",
                 "gpcOptsOut": ["third-party"],
                 "consentMode": {"analytics_storage": "statistics", "ad_storage": "third-party"},
                 "categories": [
                   {"id": "necessary", "name": "Necessary", "consentRequired": false},
                   {"id": "statistics", "name": "Statistics", "consentRequired": true},
                   {"id": "first-party", "name": "First-party", "consentRequired": true},
                   {"id": "third-party", "name": "Partners", "consentRequired": true}%s],
                 "cookies": [
                   {"name": "_pk_id", "provider": "Matomo", "function": "Audience", "purpose": "Count visits",
                    "category": "statistics"},
                   {"name": "_ads", "provider": "AdNet", "function": "Advertising", "purpose": "Target ads",
                    "category": "third-party"}]}""".formatted(effectiveFrom, moreCategories);
    }
}
