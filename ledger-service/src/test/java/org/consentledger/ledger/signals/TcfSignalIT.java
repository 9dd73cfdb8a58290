package org.consentledger.ledger.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A site's CMP speaks IAB TCF v2.2: with the visitor's choice it sends the TC string it made. The ledger keeps the
 * string sealed with the visitor's other personal data, and what it says (purposes, vendors, restrictions) in the
 * public part, read by the IAB's decoder; a string the decoder cannot read is refused and nothing is recorded.
 */
class TcfSignalIT {

    static final String ALICE = "/api/v1/sites/smartbump.opendatasoft.com/visitors/alice";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void aConsentCarriesItsTcStringAndWhatItSays() throws Exception {
        JsonNode library = TcStringsTest.vectors().get("cases").get(0);
        String tcString = library.get("tcString").asString();
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            clock.advance(Duration.ofMinutes(1));
            String consent = """
                    {"consentId": "c1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                     "denied": ["third-party"], "tcString": "%s"}""";
            var recorded = ledger.post(ALICE + "/consents", consent.formatted(clock.instant(), tcString));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
            assertThat(ledger.post(ALICE + "/consents", consent.formatted(clock.instant(), tcString)).status())
                    .as("sent again").isEqualTo(200);
            String other = TcStringsTest.vectors().get("cases").get(1).get("tcString").asString();
            var changed = ledger.post(ALICE + "/consents", consent.formatted(clock.instant(), other));
            assertThat(changed.status()).as("the same consentId with another string").isEqualTo(409);

            String versionOne = "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA";
            var malformed = ledger.post(ALICE + "/consents", consent.formatted(clock.instant(), versionOne)
                    .replace("\"c1\"", "\"c2\""));
            assertThat(malformed.status()).isEqualTo(422);
            assertThat(malformed.json().get("field").asString()).isEqualTo("tcString");

            JsonNode events = ledger.get(ALICE + "/events").json().get("events");
            assertThat(events).as("the refused consent recorded nothing").hasSize(1);
            JsonNode tcf = events.get(0).get("tcf");
            assertThat(tcf.get("cmpId").asInt()).isEqualTo(library.get("cmpId").asInt());
            assertThat(Instant.parse(tcf.get("created").asString()))
                    .isEqualTo(Instant.parse(library.get("created").asString()));
            assertThat(tcf.get("purposeConsents")).isEqualTo(library.get("purposeConsents"));
            assertThat(tcf.get("vendorConsents")).isEqualTo(library.get("vendorConsents"));
            assertThat(tcf.get("publisherRestrictions")).isEqualTo(library.get("publisherRestrictions"));
            assertThat(events.get(0).get("tcString").asString()).isEqualTo(tcString);
        }
    }
}
