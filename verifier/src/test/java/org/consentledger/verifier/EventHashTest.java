package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class EventHashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String EVENT_ID = "3f1c2a9e-8d4b-4c1e-9a7f-2b5d6e8f0a13";
    private static final String TYPE = "ConsentGiven";
    private static final String STREAM = "visitor-7f3e9c";
    private static final String PAYLOAD = "{\"categories\":{\"analytics\":true,\"marketing\":false,\"necessary\":true},"
            + "\"policyVersion\":3,\"recordedAt\":1767225600000,\"banner\":\"eu-v2\",\"locale\":\"de-CH\","
            + "\"label\":\"Z\u00fcrich \\\"B\u00fcro\\\"\",\"purposes\":[1,2,7],\"withdrawnAt\":null}";

    // Computed outside Java: SHA-256 of Python's json.dumps(event, sort_keys=True,
    // separators=(',', ':'), ensure_ascii=False) in UTF-8, which equals JCS for ASCII member names.
    private static final String FIRST_HASH = "5d8513a4533fe6a7f40aeeba227ee81bc4d3f9deb873f8373a4c400e741f0b20";
    private static final String SECOND_HASH = "b246c3c1661153b8989b1d8dc56c5902705afb7abbe3a5ae09cf03862a40b274";

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static String firstEvent() {
        return EventHash.of(EVENT_ID, TYPE, STREAM, 0, json(PAYLOAD), EventHash.GENESIS);
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(EventHash.GENESIS).hasSize(64).matches("0+");
        assertThat(EventHash.isHash(EventHash.GENESIS)).isTrue();
    }

    @Test
    void hashesAKnownEvent() {
        assertThat(firstEvent()).isEqualTo(FIRST_HASH);
    }

    @Test
    void hashIsSha256OfTheDocumentedCanonicalForm() {
        String canonical = "{\"eventId\":\"3f1c2a9e-8d4b-4c1e-9a7f-2b5d6e8f0a13\",\"payload\":{\"banner\":\"eu-v2\","
                + "\"categories\":{\"analytics\":true,\"marketing\":false,\"necessary\":true},"
                + "\"label\":\"Z\u00fcrich \\\"B\u00fcro\\\"\",\"locale\":\"de-CH\",\"policyVersion\":3,"
                + "\"purposes\":[1,2,7],\"recordedAt\":1767225600000,\"withdrawnAt\":null},"
                + "\"previousHash\":\"0000000000000000000000000000000000000000000000000000000000000000\","
                + "\"sequence\":0,\"stream\":\"visitor-7f3e9c\",\"type\":\"ConsentGiven\"}";

        assertThat(EventHash.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8))).isEqualTo(FIRST_HASH);
    }

    @Test
    void chainsTheNextEventOfTheStreamToThePreviousHash() {
        String second = EventHash.of("b7e0d5c4-1a2f-4e3d-8c9b-0a1b2c3d4e5f", "ConsentChanged", STREAM, 1,
                json("{\"policyVersion\":3,\"recordedAt\":1767229200000,"
                        + "\"categories\":{\"necessary\":true,\"analytics\":false,\"marketing\":false}}"),
                firstEvent());

        assertThat(second).isEqualTo(SECOND_HASH);
    }

    @Test
    void everyFieldChangesTheHash() {
        List<String> hashes = new ArrayList<>();
        hashes.add(firstEvent());
        hashes.add(EventHash.of(EVENT_ID + "x", TYPE, STREAM, 0, json(PAYLOAD), EventHash.GENESIS));
        hashes.add(EventHash.of(EVENT_ID, "ConsentWithdrawn", STREAM, 0, json(PAYLOAD), EventHash.GENESIS));
        hashes.add(EventHash.of(EVENT_ID, TYPE, "visitor-7f3e9d", 0, json(PAYLOAD), EventHash.GENESIS));
        hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 1, json(PAYLOAD), EventHash.GENESIS));
        hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 0, json(PAYLOAD), "1" + EventHash.GENESIS.substring(1)));
        hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 0, json(PAYLOAD), FIRST_HASH));
        hashes.add(EventHash.of(EVENT_ID, TYPE, "", 0, json(PAYLOAD), EventHash.GENESIS));

        assertThat(new HashSet<>(hashes)).hasSameSizeAs(hashes);
        assertThat(hashes).allMatch(EventHash::isHash);
    }

    @Test
    void everyPayloadFieldChangesTheHash() {
        ObjectNode original = (ObjectNode) json(PAYLOAD);
        Set<String> hashes = new HashSet<>();
        hashes.add(firstEvent());
        int variants = 1;

        for (String name : original.propertyNames()) {
            ObjectNode changed = original.deepCopy();
            changed.put(name, "changed");
            hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 0, changed, EventHash.GENESIS));
            ObjectNode removed = original.deepCopy();
            removed.remove(name);
            hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 0, removed, EventHash.GENESIS));
            variants += 2;
        }
        for (String nested : List.of("analytics", "marketing", "necessary")) {
            ObjectNode changed = original.deepCopy();
            ObjectNode categories = (ObjectNode) changed.get("categories");
            categories.put(nested, !categories.get(nested).booleanValue());
            hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 0, changed, EventHash.GENESIS));
            variants++;
        }
        ObjectNode reordered = original.deepCopy();
        reordered.set("purposes", json("[2,1,7]"));
        hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 0, reordered, EventHash.GENESIS));
        variants++;
        ObjectNode added = original.deepCopy();
        added.put("extra", 0);
        hashes.add(EventHash.of(EVENT_ID, TYPE, STREAM, 0, added, EventHash.GENESIS));
        variants++;

        assertThat(hashes).hasSize(variants);
    }

    @Test
    void memberOrderInThePayloadDoesNotMatter() {
        String reordered = "{\"withdrawnAt\":null,\"purposes\":[1,2,7],\"label\":\"Z\u00fcrich \\\"B\u00fcro\\\"\","
                + "\"locale\":\"de-CH\",\"banner\":\"eu-v2\",\"recordedAt\":1767225600000,\"policyVersion\":3,"
                + "\"categories\":{\"necessary\":true,\"marketing\":false,\"analytics\":true}}";

        assertThat(EventHash.of(EVENT_ID, TYPE, STREAM, 0, json(reordered), EventHash.GENESIS)).isEqualTo(FIRST_HASH);
    }

    @Test
    void valueTypesAreDistinguished() {
        String asNumber = EventHash.of(EVENT_ID, TYPE, STREAM, 0, json("{\"v\":1}"), EventHash.GENESIS);
        String asString = EventHash.of(EVENT_ID, TYPE, STREAM, 0, json("{\"v\":\"1\"}"), EventHash.GENESIS);
        String asNull = EventHash.of(EVENT_ID, TYPE, STREAM, 0, JsonNodeFactory.instance.nullNode(), EventHash.GENESIS);
        String asEmpty = EventHash.of(EVENT_ID, TYPE, STREAM, 0, json("{}"), EventHash.GENESIS);

        assertThat(Set.of(asNumber, asString, asNull, asEmpty)).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "000000000000000000000000000000000000000000000000000000000000000",
            "00000000000000000000000000000000000000000000000000000000000000000",
            "5D8513A4533FE6A7F40AEEBA227EE81BC4D3F9DEB873F8373A4C400E741F0B20",
            "5d8513a4533fe6a7f40aeeba227ee81bc4d3f9deb873f8373a4c400e741f0b2g",
            " 5d8513a4533fe6a7f40aeeba227ee81bc4d3f9deb873f8373a4c400e741f0b2"})
    void rejectsAPreviousHashThatIsNotSixtyFourLowerCaseHexCharacters(String previousHash) {
        assertThat(EventHash.isHash(previousHash)).isFalse();
        assertThatThrownBy(() -> EventHash.of(EVENT_ID, TYPE, STREAM, 0, json(PAYLOAD), previousHash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("previousHash");
    }

    @Test
    void rejectsANegativeSequence() {
        assertThatThrownBy(() -> EventHash.of(EVENT_ID, TYPE, STREAM, -1, json(PAYLOAD), EventHash.GENESIS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
    }

    @Test
    void rejectsNulls() {
        JsonNode payload = json(PAYLOAD);
        String g = EventHash.GENESIS;
        assertThatThrownBy(() -> EventHash.of(null, TYPE, STREAM, 0, payload, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.of(EVENT_ID, null, STREAM, 0, payload, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.of(EVENT_ID, TYPE, null, 0, payload, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.of(EVENT_ID, TYPE, STREAM, 0, null, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.of(EVENT_ID, TYPE, STREAM, 0, payload, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsAPayloadWithoutCanonicalForm() {
        assertThatThrownBy(() -> EventHash.of(EVENT_ID, TYPE, STREAM, 0, json("{\"ratio\":0.5}"), EventHash.GENESIS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // Format 2, the worked example of EventHash's documentation. Computed outside Java: node:crypto's SHA-256 of the
    // canonical form below, written out by hand.
    private static final String FORMAT_TWO_EVENT_ID = "0193f7a2-5c1e-7b4d-9e8f-3a2b1c0d4e5f";
    private static final String FORMAT_TWO_STREAM = "smartbump.opendatasoft.com/p-7c1e4b9a";
    private static final String PUBLIC = "{\"siteId\":\"smartbump.opendatasoft.com\",\"policyVersion\":1,"
            + "\"occurredAt\":\"2026-12-06T03:19:49Z\",\"recordedAt\":\"2026-12-06T03:19:49.883385Z\","
            + "\"granted\":[\"statistics\"],\"denied\":[\"marketing\"],\"source\":\"banner\"}";
    private static final String FORMAT_TWO_HASH = "27ab31f9712b87ad7b149719a010ad8f48ec7421776a9a3d15a5f35429b389ec";

    private static String formatTwoEvent(String commitment) {
        return EventHash.ofFormatTwo(FORMAT_TWO_EVENT_ID, "consent.given", FORMAT_TWO_STREAM, 0, json(PUBLIC),
                commitment, EventHash.GENESIS);
    }

    @Test
    void hashesTheWorkedExampleOfFormatTwo() {
        String commitment = PersonalCommitment.of(PersonalCommitmentTest.SALT, json(PersonalCommitmentTest.PERSONAL));

        assertThat(formatTwoEvent(commitment)).isEqualTo(FORMAT_TWO_HASH);
    }

    @Test
    void formatTwoHashIsSha256OfTheDocumentedCanonicalForm() {
        String canonical = "{\"commitment\":\"" + PersonalCommitmentTest.COMMITMENT + "\",\"eventId\":\""
                + FORMAT_TWO_EVENT_ID + "\",\"format\":2,\"previousHash\":\"" + EventHash.GENESIS + "\",\"public\":"
                + "{\"denied\":[\"marketing\"],\"granted\":[\"statistics\"],\"occurredAt\":\"2026-12-06T03:19:49Z\","
                + "\"policyVersion\":1,\"recordedAt\":\"2026-12-06T03:19:49.883385Z\","
                + "\"siteId\":\"smartbump.opendatasoft.com\",\"source\":\"banner\"},\"sequence\":0,"
                + "\"stream\":\"" + FORMAT_TWO_STREAM + "\",\"type\":\"consent.given\"}";

        assertThat(EventHash.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8))).isEqualTo(FORMAT_TWO_HASH);
    }

    @Test
    void formatTwoHashesANullCommitmentAsJsonNull() {
        String canonical = "{\"commitment\":null,\"eventId\":\"e\",\"format\":2,\"previousHash\":\""
                + EventHash.GENESIS + "\",\"public\":{},\"sequence\":0,\"stream\":\"s\",\"type\":\"subject.erased\"}";

        assertThat(EventHash.ofFormatTwo("e", "subject.erased", "s", 0, json("{}"), null, EventHash.GENESIS))
                .isEqualTo(EventHash.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void formatTwoHashesDifferFromFormatOneAndFromEachOther() {
        Set<String> hashes = Set.of(formatTwoEvent(null), formatTwoEvent(PersonalCommitmentTest.COMMITMENT),
                formatTwoEvent(FIRST_HASH),
                EventHash.of(FORMAT_TWO_EVENT_ID, "consent.given", FORMAT_TWO_STREAM, 0, json(PUBLIC),
                        EventHash.GENESIS));

        assertThat(hashes).hasSize(4);
    }

    @Test
    void formatTwoRefusesWhatFormatOneRefusesAndMore() {
        JsonNode pub = json(PUBLIC);
        String g = EventHash.GENESIS;
        String c = PersonalCommitmentTest.COMMITMENT;
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", -1, pub, c, g))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", 0, pub, c, g.toUpperCase().replace('0', 'A')))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousHash");
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", 0, pub, c.toUpperCase(), g))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitment");
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", 0, pub, c.substring(1), g))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitment");
        for (String notAnObject : List.of("null", "[]", "\"public\"", "1")) {
            assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", 0, json(notAnObject), c, g))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public");
        }
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", 0, json("{\"ratio\":0.5}"), c, g))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventHash.ofFormatTwo(null, "t", "s", 0, pub, c, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", null, "s", 0, pub, c, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", null, 0, pub, c, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", 0, null, c, g)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventHash.ofFormatTwo("e", "t", "s", 0, pub, c, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hexHelpers() {
        assertThat(EventHash.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(EventHash.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(EventHash.toHex(new byte[] {0x00, 0x0f, (byte) 0xab, (byte) 0xff})).isEqualTo("000fabff");
        assertThat(EventHash.fromHex("000fabff")).containsExactly(0x00, 0x0f, 0xab, 0xff);
        assertThat(EventHash.fromHex("ABFF")).containsExactly(0xab, 0xff);
        assertThat(EventHash.toHex(EventHash.fromHex(FIRST_HASH))).isEqualTo(FIRST_HASH);
        assertThatThrownBy(() -> EventHash.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventHash.fromHex("zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
