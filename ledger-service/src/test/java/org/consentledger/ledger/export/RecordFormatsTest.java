package org.consentledger.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.consentledger.api.EventType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What a spreadsheet and an ISO/IEC TS 27560 reader are given for the ledger's events. */
class RecordFormatsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String CONSENT = """
            {"eventId": "e-1", "type": "consent.given", "stream": "shop.example/p-1", "sequence": 0, "hash": "ab12",
             "recordedAt": "2026-12-07T10:00:01.5Z", "siteId": "shop.example", "policyVersion": 2,
             "occurredAt": "2026-12-07T10:00:00Z", "granted": ["statistics", "ads"], "denied": ["social"],
             "source": "banner, \\"v2\\"", "context": {"noticeId": "banner-1", "language": "fr",
             "method": "custom", "surface": "banner", "regulation": "gdpr", "country": "FR", "region": "FR-IDF"},
             "gpc": {"optedOut": ["sale"]}, "browser": {"origin": "https://shop.example"},
             "visitorId": "=1+2", "consentId": "c-1", "evidence": {"note": "two\\nlines"}}""";

    @Test
    void csvHasAFixedHeaderAndQuotesWhatWouldBreakARowOrRunAsAFormula() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRecords csv = new CsvRecords();
        csv.begin(out);
        csv.write(event(EventType.CONSENT_GIVEN, CONSENT), out);
        csv.write(event(EventType.CONSENT_WITHDRAWN, """
                {"eventId": "e-2", "type": "consent.withdrawn", "stream": "shop.example/p-1", "sequence": 1,
                 "recordedAt": "2026-12-07T11:00:00Z", "siteId": "shop.example", "policyVersion": 2,
                 "occurredAt": "2026-12-07T11:00:00Z", "categories": [], "personal": "erased"}"""), out);

        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines.get(0)).startsWith("eventId,type,recordedAt,occurredAt,siteId,visitorId,policyVersion,"
                + "granted,denied,categories,method,surface,noticeId,origin,").endsWith(",personal");
        assertThat(lines.get(0).split(",")).hasSize(CsvRecords.header().size());
        assertThat(lines.get(1)).isEqualTo("e-1,consent.given,2026-12-07T10:00:01.5Z,2026-12-07T10:00:00Z,"
                + "shop.example,'=1+2,2,statistics;ads,social,,custom,banner,banner-1,https://shop.example,fr,gdpr,"
                + "FR,FR-IDF,\"banner, \"\"v2\"\"\",sale,c-1,,,,,,,shop.example/p-1,0,ab12,present");
        assertThat(lines.get(2)).startsWith("e-2,consent.withdrawn,2026-12-07T11:00:00Z,2026-12-07T11:00:00Z,"
                + "shop.example,,2,,,,").endsWith(",erased");
        assertThat(CsvRecords.cell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvRecords.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void aConsentThatGrantsAndDeniesIsAGivenRecordAndARefusedOneInDpvTerms() {
        List<ObjectNode> records = Iso27560Records.records(event(EventType.CONSENT_GIVEN, CONSENT));

        assertThat(records).hasSize(2);
        JsonNode given = records.get(0);
        assertThat(given.get("@type").asString()).isEqualTo("dpv:ConsentRecord");
        assertThat(given.get("dct:conformsTo").asString()).isEqualTo("https://w3id.org/dpv/schema/dpv-27560#record");
        assertThat(given.get("dct:identifier").asString()).isEqualTo("e-1#given");
        assertThat(given.get("dct:source").asString()).isEqualTo("e-1");
        assertThat(given.get("dct:created").asString()).isEqualTo("2026-12-07T10:00:01.5Z");
        assertThat(given.at("/dpv:hasDataSubject/dct:identifier").asString()).isEqualTo("=1+2");
        assertThat(given.at("/dpv:hasDataController/dct:identifier").asString()).isEqualTo("shop.example");
        assertThat(given.at("/dpv:hasNotice/0/dct:identifier").asString())
                .isEqualTo("/api/v1/sites/shop.example/policies/2");
        assertThat(given.at("/dpv:hasNotice/1/@type").asString()).isEqualTo("dpv:ConsentNotice");
        assertThat(given.at("/dpv:hasNotice/1/dct:identifier").asString())
                .isEqualTo("/api/v1/sites/shop.example/notices/banner-1");
        assertThat(given.get("dct:language").asString()).isEqualTo("fr");
        assertThat(given.at("/dpv:hasProcess/dpv:hasLegalBasis").asString()).isEqualTo("dpv:Consent");
        assertThat(given.at("/dpv:hasProcess/dpv:hasPurpose").valueStream()
                .map(p -> p.get("dct:identifier").asString())).containsExactly("statistics", "ads");
        assertThat(given.get("dpv:hasJurisdiction").toString()).isEqualTo("[\"loc:FR\",\"loc:FR-IDF\"]");
        assertThat(given.get("dpv:hasApplicableLaw").asString()).isEqualTo("eu-gdpr:GDPR");
        assertThat(given.at("/dpv:hasConsentStatus/@type").asString()).isEqualTo("dpv:ConsentGiven");
        assertThat(given.at("/dpv:hasConsentStatus/dpv:isIndicatedAtTime").asString())
                .isEqualTo("2026-12-07T10:00:00Z");
        assertThat(given.at("/dpv:hasConsentStatus/dpv:isIndicatedBy").asString()).isEqualTo("dpv:DataSubject");
        assertThat(given.at("/dpv:hasConsentStatus/dpv:hasIndicationMethod").asString()).isEqualTo("custom");

        JsonNode refused = records.get(1);
        assertThat(refused.get("dct:identifier").asString()).isEqualTo("e-1#refused");
        assertThat(refused.at("/dpv:hasConsentStatus/@type").asString()).isEqualTo("dpv:ConsentRefused");
        assertThat(refused.at("/dpv:hasProcess/dpv:hasPurpose").valueStream()
                .map(p -> p.get("dct:identifier").asString())).as("denied, and denied by the GPC signal")
                .containsExactly("social", "sale");
    }

    @Test
    void withdrawalsErasuresAndRedactedEventsSayWhatIsLeftAndPoliciesAreNoConsentRecords() {
        ObjectNode withdrawal = Iso27560Records.records(event(EventType.CONSENT_WITHDRAWN, """
                {"eventId": "e-2", "type": "consent.withdrawn", "stream": "shop.example/p-1", "sequence": 1,
                 "recordedAt": "2026-12-07T11:00:00Z", "siteId": "shop.example", "policyVersion": 2,
                 "occurredAt": "2026-12-07T11:00:00Z", "categories": [], "personal": "erased"}""")).get(0);
        assertThat(withdrawal.at("/dpv:hasConsentStatus/@type").asString()).isEqualTo("dpv:ConsentWithdrawn");
        assertThat(withdrawal.has("dpv:hasDataSubject")).isFalse();
        assertThat(withdrawal.get("personal").asString()).isEqualTo("erased");
        assertThat(withdrawal.at("/dpv:hasProcess/dpv:hasPurpose/0/dct:description").asString())
                .isEqualTo("every category of the policy version that requires consent");

        ExportedEvent redacted = new ExportedEvent(EventType.CONSENT_GIVEN, true, (ObjectNode) JSON.readTree("""
                {"eventId": "e-0", "type": "consent.given", "stream": "shop.example/p-1/format-1", "sequence": 0,
                 "personal": "erased"}"""));
        ObjectNode unknown = Iso27560Records.records(redacted).get(0);
        assertThat(unknown.at("/dpv:hasConsentStatus/@type").asString()).isEqualTo("dpv:ConsentUnknown");
        assertThat(unknown.has("dpv:hasProcess")).isFalse();
        assertThat(unknown.has("dct:created")).isFalse();

        assertThat(Iso27560Records.records(event(EventType.POLICY_PUBLISHED, """
                {"eventId": "e-3", "type": "policy.published", "stream": "shop.example", "sequence": 0,
                 "recordedAt": "2026-12-07T09:00:00Z", "policy": {"siteId": "shop.example", "version": 1}}""")))
                .isEmpty();
    }

    static ExportedEvent event(EventType type, String record) {
        return new ExportedEvent(type, false, (ObjectNode) JSON.readTree(record));
    }
}
