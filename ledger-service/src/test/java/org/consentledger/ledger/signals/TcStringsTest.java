package org.consentledger.ledger.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.ledger.LedgerRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger reads a TC string exactly as the IAB's reference JavaScript library does: the strings were made and read
 * back by {@code @iabtcf/core} (src/test/signals/make-tc-strings.mjs), with random purposes, vendors in both of the
 * format's encodings, legitimate interests, special features and publisher restrictions.
 */
public class TcStringsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static JsonNode vectors() throws IOException {
        try (InputStream in = TcStringsTest.class.getResourceAsStream("/signals/tc-strings.json")) {
            return JSON.readTree(in);
        }
    }

    static Stream<Arguments> madeByTheReferenceLibrary() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        vectors().get("cases").forEach(c -> cases.add(Arguments.of(c.get("tcString").asString(), c)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("madeByTheReferenceLibrary")
    void readsWhatTheReferenceLibraryReads(String tcString, JsonNode library) {
        assertThat(TcStrings.decode(tcString)).isEqualTo(new TcfConsent(
                Instant.parse(library.get("created").asString()), Instant.parse(library.get("lastUpdated").asString()),
                library.get("cmpId").asInt(), library.get("cmpVersion").asInt(), library.get("consentScreen").asInt(),
                library.get("consentLanguage").asString(), library.get("vendorListVersion").asInt(),
                library.get("policyVersion").asInt(), ints(library.get("purposeConsents")),
                ints(library.get("purposeLegitimateInterests")), ints(library.get("specialFeatureOptIns")),
                ints(library.get("vendorConsents")), ints(library.get("vendorLegitimateInterests")),
                library.get("publisherRestrictions").valueStream().map(r -> new TcfConsent.PublisherRestriction(
                        r.get("purposeId").asInt(), r.get("restrictionType").asString(), ints(r.get("vendorIds"))))
                        .toList()));
    }

    @Test
    void theSuiteCoversBothVendorEncodingsAndPublisherRestrictions() throws IOException {
        List<JsonNode> cases = vectors().get("cases").valueStream().toList();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        assertThat(cases.stream().filter(c -> c.get("vendorConsentEncoding").asString().equals("range")))
                .hasSizeGreaterThanOrEqualTo(20);
        assertThat(cases.stream().filter(c -> c.get("vendorConsentEncoding").asString().equals("bit-field")))
                .hasSizeGreaterThanOrEqualTo(20);
        assertThat(cases.stream().filter(c -> !c.get("publisherRestrictions").isEmpty()))
                .hasSizeGreaterThanOrEqualTo(20);
    }

    static Stream<Arguments> malformed() throws IOException {
        String valid = vectors().get("cases").get(0).get("tcString").asString();
        return Stream.of(
                Arguments.of("not base64url", valid.substring(0, 10) + "*/" + valid.substring(12)),
                Arguments.of("cut short", valid.substring(0, 20)),
                Arguments.of("TCF version 1", "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA"),
                Arguments.of("a publisher segment where the core one belongs", valid.substring(valid.indexOf('.') + 1)),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aStringTheDecoderCannotReadIsRefusedNamingTheField(String name, String tcString) {
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class, () -> TcStrings.decode(tcString));

        assertThat(refused).as(name).isNotNull();
        assertThat(refused.field()).isEqualTo("tcString");
        assertThat(refused.kind()).isEqualTo(LedgerRejection.Kind.INVALID);
    }

    private static List<Integer> ints(JsonNode ids) {
        return ids.valueStream().map(JsonNode::asInt).toList();
    }
}
