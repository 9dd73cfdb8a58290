package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnPersonal;
import org.junit.jupiter.api.Test;

/** A personal part commits to the members it has: those a later release added are left out when null. */
class PersonalPartsTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final DataKey key = DataKey.generate();

    @Test
    void aConsentWithoutSignalsSealsNoSignalMembersAndOpensAsItWasGiven() {
        ConsentGivenPersonal personal = new ConsentGivenPersonal("alice", "c-1", Map.of("userAgent", "Firefox/140"));
        ConsentGiven given = PersonalParts.seal(new ConsentGiven("shop.example", 1, AT, AT, List.of("statistics"),
                List.of(), "banner", null), personal, "event-1", key);

        PersonalParts.Opened<ConsentGivenPersonal> opened = PersonalParts.open(given, "event-1", key);

        assertThat(opened.fields().propertyNames()).containsExactlyInAnyOrder("visitorId", "consentId", "evidence");
        assertThat(opened.value()).isEqualTo(personal);
    }

    @Test
    void aConsentWithATcStringSealsIt() {
        ConsentGivenPersonal personal = new ConsentGivenPersonal("alice", "c-1", Map.of(), "CQ-tc", null);
        ConsentGiven given = PersonalParts.seal(new ConsentGiven("shop.example", 1, AT, AT, List.of("statistics"),
                List.of(), "banner", null), personal, "event-1", key);

        PersonalParts.Opened<ConsentGivenPersonal> opened = PersonalParts.open(given, "event-1", key);

        assertThat(opened.fields().get("tcString").asString()).isEqualTo("CQ-tc");
        assertThat(opened.fields().has("gppString")).isFalse();
        assertThat(opened.value()).isEqualTo(personal);
    }

    @Test
    void aWithdrawalWithoutEvidenceSealsNoEvidenceMember() {
        ConsentWithdrawnPersonal personal = new ConsentWithdrawnPersonal("alice", "w-1");
        ConsentWithdrawn withdrawn = PersonalParts.seal(new ConsentWithdrawn("shop.example", 1, AT, AT,
                List.of("statistics"), null), personal, "event-2", key);

        PersonalParts.Opened<ConsentWithdrawnPersonal> opened = PersonalParts.open(withdrawn, "event-2", key);

        assertThat(opened.fields().propertyNames()).containsExactlyInAnyOrder("visitorId", "withdrawalId");
        assertThat(opened.value()).isEqualTo(personal);
    }
}
