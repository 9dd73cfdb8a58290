package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.consentledger.api.SealedPart;
import org.consentledger.api.consent.BrowserSubmission;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.DecisionContext;
import org.junit.jupiter.api.Test;

/** Events are stored under the registry's names, and every name ever stored is read back into its record. */
class RegisteredTypeSerializerTest {

    /** A consent as the banners send most: no context, no signals. */
    static final ConsentGiven PLAIN_CONSENT = new ConsentGiven("shop.example", 1, Instant.parse("2026-12-07T10:00:00Z"),
            Instant.parse("2026-12-07T10:00:01Z"), List.of("statistics"), List.of(), "banner",
            new SealedPart("ab".repeat(32), new byte[] {9, 8, 7}));

    final Serializer serializer = new EventStoreConfiguration().ledgerSerializer();

    @Test
    void aNewEventIsStoredUnderItsStableNameAndReadBack() {
        ConsentGiven given = PLAIN_CONSENT;

        SerializedObject<byte[]> stored = serializer.serialize(given, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("consent.given");
        assertThat(stored.getType().getRevision()).isNull();
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(given);
    }

    @Test
    void anEventStoredByAnEarlierReleaseIsReadUnderTheClassNameItWasStoredWith() {
        String json = """
                {"siteId":"shop.example","visitorId":"alice","consentId":"c-1","policyVersion":1,
                 "occurredAt":"2026-11-01T10:00:00Z","recordedAt":"2026-11-01T10:00:01Z","granted":["statistics"],
                 "denied":[],"source":null,"evidence":{}}""";
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                byte[].class, new SimpleSerializedType("org.consentledger.api.consent.ConsentGiven", null));

        Object read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(new ConsentGivenV1("shop.example", "alice", "c-1", 1,
                Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:01Z"), List.of("statistics"),
                List.of(), null, Map.of()));
    }

    @Test
    void aConsentWithoutContextOrSignalsIsStoredWithoutThoseMembers() {
        ConsentGiven given = PLAIN_CONSENT;

        SerializedObject<byte[]> stored = serializer.serialize(given, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("\"context\"")
                .doesNotContain("\"tcf\"").doesNotContain("\"gpp\"").doesNotContain("\"browser\"")
                .contains("\"source\":\"banner\"");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(given);
    }

    @Test
    void aConsentWithAContextFromABrowserIsStoredWithBoth() {
        ConsentGiven given = new ConsentGiven("shop.example", 1, Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T10:00:01Z"), List.of("statistics"), List.of(), null,
                new DecisionContext("banner-1", "en", "accept-all", "banner", null, null, null), null, null, null,
                new BrowserSubmission("https://shop.example"), new SealedPart("ab".repeat(32), new byte[] {9, 8, 7}));

        SerializedObject<byte[]> stored = serializer.serialize(given, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).contains("\"noticeId\":\"banner-1\"")
                .contains("\"region\":null").contains("\"source\":null").doesNotContain("\"tcf\"")
                .contains("\"browser\":{\"origin\":\"https://shop.example\"}");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(given);
    }
}
