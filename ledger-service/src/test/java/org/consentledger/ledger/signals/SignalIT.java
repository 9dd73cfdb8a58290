package org.consentledger.ledger.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.verifier.TcfVendors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A site's CMP speaks IAB TCF v2.2: with the visitor's choice it sends the TC string it made. The ledger keeps the
 * string sealed with the visitor's other personal data and what it says in the public part, read by the IAB's
 * decoder; an auditor asks which string was in force at an instant, as the ledger knew it then, and whether it let a
 * vendor use a purpose. A string the decoder cannot read is refused and nothing is recorded.
 */
class SignalIT {

    static final String ALICE = "/api/v1/sites/smartbump.opendatasoft.com/visitors/alice";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void theTcStringInForceIsAnsweredAtEveryInstantAsTheLedgerKnewIt() throws Exception {
        JsonNode first = TcStringsTest.vectors().get("cases").get(0);
        JsonNode second = TcStringsTest.vectors().get("cases").get(2);
        String consent = """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                 "denied": ["third-party"], "tcString": "%s"}""";
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            Instant beforeAll = clock.advance(Duration.ofMinutes(1));
            Instant firstChoice = clock.advance(Duration.ofMinutes(1));
            var recorded = ledger.post(ALICE + "/consents", consent.formatted("c1", firstChoice, tcString(first)));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            String firstEvent = recorded.json().get("eventId").asString();
            assertThat(ledger.post(ALICE + "/consents", consent.formatted("c1", firstChoice, tcString(first)))
                    .status()).as("sent again").isEqualTo(200);
            assertThat(ledger.post(ALICE + "/consents", consent.formatted("c1", firstChoice, tcString(second)))
                    .status()).as("the same consentId with another string").isEqualTo(409);
            var versionOne = ledger.post(ALICE + "/consents",
                    consent.formatted("c2", firstChoice, "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA"));
            assertThat(versionOne.status()).isEqualTo(422);
            assertThat(versionOne.json().get("field").asString()).isEqualTo("tcString");

            Instant knownBeforeTheSecond = clock.advance(Duration.ofMinutes(1));
            Instant secondChoice = clock.advance(Duration.ofMinutes(1));
            String secondEvent = ledger.post(ALICE + "/consents", consent.formatted("c3", secondChoice,
                    tcString(second))).json().get("eventId").asString();
            // A withdrawal made through the ledger without a string leaves the CMP's string standing.
            clock.advance(Duration.ofMinutes(1));
            assertThat(ledger.post(ALICE + "/withdrawals", """
                    {"withdrawalId": "w1", "occurredAt": "%s", "all": true}""".formatted(clock.instant())).status())
                    .isEqualTo(201);
            Instant now = clock.advance(Duration.ofMinutes(1));

            JsonNode events = ledger.get(ALICE + "/events").json().get("events");
            assertThat(events).as("the refused consent recorded nothing").hasSize(3);
            assertThat(events.get(0).get("tcString").asString()).isEqualTo(tcString(first));
            assertThat(events.get(0).at("/tcf/vendorConsents")).isEqualTo(first.get("vendorConsents"));

            ledger.awaitProjectionsCaughtUp();
            assertAnswers(ledger, first, second, firstEvent, secondEvent, beforeAll, firstChoice, knownBeforeTheSecond,
                    now);
            // Rebuilt from the event store, the read model answers the same.
            assertThat(ledger.post("/api/v1/admin/projections/replay", "").status()).isEqualTo(202);
            ledger.awaitProjectionsCaughtUp();
            assertAnswers(ledger, first, second, firstEvent, secondEvent, beforeAll, firstChoice, knownBeforeTheSecond,
                    now);

            // Someone with the database password changes what the read model says a string allowed.
            assertThat(ledger.post("/api/v1/audit/verify", "").json().get("intact").asBoolean()).isTrue();
            ledger.bean(JdbcClient.class).sql("update consent_history set tcf = replace(tcf, '\"cmpId\":', "
                    + "'\"cmpId\":1') where event_id = ?").param(secondEvent).update();
            JsonNode audit = ledger.post("/api/v1/audit/verify", "").json();
            assertThat(audit.get("intact").asBoolean()).isFalse();
            assertThat(audit.at("/problem/eventId").asString()).isEqualTo(secondEvent);
            assertThat(audit.at("/problem/description").asString()).contains("TCF and GPP answers");
        }
    }

    @Test
    void aConsentCarriesItsGppStringAndTheStringInForceIsAnswered() throws Exception {
        JsonNode both = GppStringsTest.vectors().get("cases").get(2);
        String gppString = both.get("gppString").asString();
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            Instant before = clock.advance(Duration.ofMinutes(1));
            Instant chosen = clock.advance(Duration.ofMinutes(1));
            String consent = """
                    {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": [], "gppString": "%s"}""";
            var recorded = ledger.post(ALICE + "/consents", consent.formatted("g1", chosen, gppString));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            var refused = ledger.post(ALICE + "/consents", consent.formatted("g2", chosen,
                    gppString.substring(0, gppString.lastIndexOf('~'))));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("field").asString()).isEqualTo("gppString");
            Instant now = clock.advance(Duration.ofMinutes(1));
            ledger.awaitProjectionsCaughtUp();

            var answer = ledger.get(ALICE + "/gpp?at=" + now + "&asOf=" + now);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode gpp = answer.json();
            assertThat(gpp.get("decidedBy").asString()).isEqualTo(recorded.json().get("eventId").asString());
            assertThat(gpp.get("gppString").asString()).isEqualTo(gppString);
            assertThat(gpp.get("sectionIds")).isEqualTo(both.get("sectionIds"));
            assertThat(gpp.at("/tcfEuV2/vendorConsents")).isEqualTo(both.at("/tcfeuv2/vendorConsents"));
            assertThat(gpp.at("/usNat/sensitiveDataProcessing")).isEqualTo(both.at("/usnat/sensitiveDataProcessing"));
            assertThat(gpp.at("/usNat/saleOptOut")).isEqualTo(both.at("/usnat/saleOptOut"));
            assertThat(ledger.get(ALICE + "/gpp?at=" + before + "&asOf=" + now).json().get("decidedBy").isNull())
                    .isTrue();
            assertThat(ledger.get(ALICE + "/tcf?at=" + now).json().get("decidedBy").isNull())
                    .as("a GPP string is not a TC string").isTrue();
        }
    }

    @Test
    void consentModeStatesFollowTheCategoriesThePolicyMapsThemTo() {
        String site = "/api/v1/sites/smartbump.opendatasoft.com";
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            Instant effective = clock.advance(Duration.ofMinutes(1));
            String version2 = """
                    {"effectiveFrom": "%s", "categories": [
                       {"id": "necessary", "name": "Necessary", "consentRequired": false},
                       {"id": "statistics", "name": "Statistics", "consentRequired": true},
                       {"id": "third-party", "name": "Advertising", "consentRequired": true}],
                     "consentMode": {"analytics_storage": "statistics", "ad_storage": "third-party",
                                     "ad_user_data": "third-party", "security_storage": "%s"}}""";
            var wrong = ledger.put(site + "/policies/2", version2.formatted(effective, "first-party"));
            assertThat(wrong.status()).as("a category the version lacks").isEqualTo(422);
            assertThat(wrong.json().get("field").asString()).isEqualTo("consentMode.security_storage");
            assertThat(ledger.put(site + "/policies/2", version2.formatted(effective, "necessary")).status())
                    .isEqualTo(201);
            Instant chosen = clock.advance(Duration.ofMinutes(1));
            String given = ledger.post(ALICE + "/consents", """
                    {"consentId": "m1", "policyVersion": 2, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": ["third-party"]}""".formatted(chosen)).json().get("eventId").asString();
            Instant granted = clock.advance(Duration.ofMinutes(1));
            String withdrawn = ledger.post(ALICE + "/withdrawals", """
                    {"withdrawalId": "m2", "occurredAt": "%s", "categories": ["statistics"]}"""
                    .formatted(clock.advance(Duration.ofMinutes(1)))).json().get("eventId").asString();
            Instant now = clock.advance(Duration.ofMinutes(1));
            ledger.awaitProjectionsCaughtUp();

            JsonNode then = ledger.get(ALICE + "/consent-mode?at=" + granted + "&asOf=" + now).json();
            assertThat(then.get("consent").toString()).isEqualTo("{\"ad_storage\":\"denied\",\"ad_user_data\":"
                    + "\"denied\",\"ad_personalization\":\"denied\",\"analytics_storage\":\"granted\","
                    + "\"functionality_storage\":\"denied\",\"personalization_storage\":\"denied\","
                    + "\"security_storage\":\"granted\"}");
            assertThat(then.at("/types/3/decidedBy").asString()).isEqualTo(given);
            assertThat(then.at("/types/3/category").asString()).isEqualTo("statistics");
            assertThat(then.get("policyVersion").asInt()).isEqualTo(2);
            JsonNode later = ledger.get(ALICE + "/consent-mode?at=" + now).json();
            assertThat(later.at("/consent/analytics_storage").asString()).isEqualTo("denied");
            assertThat(later.at("/types/3/decidedBy").asString()).isEqualTo(withdrawn);
            assertThat(later.at("/types/3/status").asString()).isEqualTo("WITHDRAWN");
        }
    }

    private static void assertAnswers(LedgerInstance ledger, JsonNode first, JsonNode second, String firstEvent,
                                      String secondEvent, Instant beforeAll, Instant firstChoice, Instant between,
                                      Instant now) {
        JsonNode latest = tcf(ledger, now, now);
        assertThat(latest.get("decidedBy").asString()).isEqualTo(secondEvent);
        assertThat(latest.get("tcString").asString()).isEqualTo(tcString(second));
        assertThat(latest.get("cmpId").asInt()).isEqualTo(second.get("cmpId").asInt());
        assertThat(Instant.parse(latest.get("created").asString()))
                .isEqualTo(Instant.parse(second.get("created").asString()));
        for (String list : new String[] {"purposeConsents", "purposeLegitimateInterests", "specialFeatureOptIns",
                "vendorConsents", "vendorLegitimateInterests", "publisherRestrictions"}) {
            assertThat(latest.get(list)).as(list).isEqualTo(second.get(list));
        }
        assertThat(tcf(ledger, between, now).get("decidedBy").asString()).as("at an instant between the two")
                .isEqualTo(firstEvent);
        assertThat(tcf(ledger, now, between).get("decidedBy").asString()).as("as known before the second")
                .isEqualTo(firstEvent);
        JsonNode none = tcf(ledger, beforeAll, now);
        assertThat(none.get("decidedBy").isNull()).isTrue();
        assertThat(none.get("purposeConsents")).isEmpty();
        assertThat(tcf(ledger, firstChoice, now).get("vendorConsents")).isEqualTo(first.get("vendorConsents"));

        int vendor = second.get("vendorConsents").get(0).asInt();
        int purpose = second.get("purposeConsents").get(0).asInt();
        JsonNode check = ledger.get(ALICE + "/tcf/vendors/" + vendor + "?purpose=" + purpose + "&at=" + now).json();
        TcfVendors.Verdict expected = TcfVendors.check(decoded(second), vendor, purpose);
        assertThat(check.get("allowed").asBoolean()).isEqualTo(expected.allowed());
        assertThat(check.get("reason").asString()).isEqualTo(expected.reason());
        assertThat(check.get("decidedBy").asString()).isEqualTo(secondEvent);
    }

    private static JsonNode tcf(LedgerInstance ledger, Instant at, Instant asOf) {
        var answer = ledger.get(ALICE + "/tcf?at=" + at + "&asOf=" + asOf);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static String tcString(JsonNode vector) {
        return vector.get("tcString").asString();
    }

    private static TcfConsent decoded(JsonNode vector) {
        return TcStrings.decode(tcString(vector));
    }
}
