package org.consentledger.ledger.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.api.signals.UsNatConsent;
import org.consentledger.ledger.LedgerRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger reads a GPP string's header, {@code tcfeuv2} and {@code usnat} sections exactly as the IAB's reference
 * JavaScript library does: the strings were made and read back by {@code @iabgpp/cmpapi}
 * (src/test/signals/make-gpp-strings.mjs), with either section or both, and the GPC segment or not.
 */
public class GppStringsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static JsonNode vectors() throws IOException {
        try (InputStream in = GppStringsTest.class.getResourceAsStream("/signals/gpp-strings.json")) {
            return JSON.readTree(in);
        }
    }

    static Stream<Arguments> madeByTheReferenceLibrary() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        vectors().get("cases").forEach(c -> cases.add(Arguments.of(c.get("gppString").asString(), c)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("madeByTheReferenceLibrary")
    void readsWhatTheReferenceLibraryReads(String gppString, JsonNode library) {
        JsonNode tcf = library.get("tcfeuv2");
        JsonNode usNat = library.get("usnat");
        assertThat(GppStrings.decode(gppString)).isEqualTo(new GppConsent(ints(library.get("sectionIds")),
                tcf == null ? null : new TcfConsent(Instant.parse(tcf.get("created").asString()),
                        Instant.parse(tcf.get("lastUpdated").asString()), tcf.get("cmpId").asInt(),
                        tcf.get("cmpVersion").asInt(), tcf.get("consentScreen").asInt(),
                        tcf.get("consentLanguage").asString(), tcf.get("vendorListVersion").asInt(),
                        tcf.get("policyVersion").asInt(), ints(tcf.get("purposeConsents")),
                        ints(tcf.get("purposeLegitimateInterests")), ints(tcf.get("specialFeatureOptIns")),
                        ints(tcf.get("vendorConsents")), ints(tcf.get("vendorLegitimateInterests")), List.of()),
                usNat == null ? null : new UsNatConsent(usNat.get("version").asInt(), integer(usNat, "sharingNotice"),
                        integer(usNat, "saleOptOutNotice"), integer(usNat, "sharingOptOutNotice"),
                        integer(usNat, "targetedAdvertisingOptOutNotice"),
                        integer(usNat, "sensitiveDataProcessingOptOutNotice"),
                        integer(usNat, "sensitiveDataLimitUseNotice"), integer(usNat, "saleOptOut"),
                        integer(usNat, "sharingOptOut"), integer(usNat, "targetedAdvertisingOptOut"),
                        ints(usNat.get("sensitiveDataProcessing")), ints(usNat.get("knownChildSensitiveDataConsents")),
                        integer(usNat, "personalDataConsents"), integer(usNat, "mspaCoveredTransaction"),
                        integer(usNat, "mspaOptOutOptionMode"), integer(usNat, "mspaServiceProviderMode"),
                        usNat.get("gpc").isNull() ? null : usNat.get("gpc").asBoolean())));
    }

    @Test
    void theSuiteCoversBothSectionsAloneAndTogetherWithAndWithoutGpc() throws IOException {
        List<JsonNode> cases = vectors().get("cases").valueStream().toList();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases.stream().filter(c -> c.has("tcfeuv2") && !c.has("usnat"))).isNotEmpty();
        assertThat(cases.stream().filter(c -> c.has("usnat") && !c.has("tcfeuv2"))).isNotEmpty();
        assertThat(cases.stream().filter(c -> c.has("usnat") && c.has("tcfeuv2"))).isNotEmpty();
        assertThat(cases.stream().filter(c -> c.has("usnat") && !c.at("/usnat/gpc").isNull())).isNotEmpty();
    }

    static Stream<Arguments> malformed() throws IOException {
        String valid = vectors().get("cases").get(2).get("gppString").asString();
        return Stream.of(
                Arguments.of("not base64url", valid.replace("~C", "~*")),
                Arguments.of("a header naming a section the string lacks", valid.substring(0, valid.lastIndexOf('~'))),
                Arguments.of("a TC string where a GPP string belongs",
                        TcStringsTest.vectors().get("cases").get(0).get("tcString").asString()),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aStringTheLibraryCannotReadIsRefusedNamingTheField(String name, String gppString) {
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class, () -> GppStrings.decode(gppString));

        assertThat(refused).as(name).isNotNull();
        assertThat(refused.field()).isEqualTo("gppString");
    }

    private static Integer integer(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asInt();
    }

    private static List<Integer> ints(JsonNode ids) {
        return ids.valueStream().map(JsonNode::asInt).toList();
    }
}
