package org.consentledger.ledger.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consent records shaped after ISO/IEC TS 27560:2023 in the terms of the W3C Data Privacy Vocabulary, as the DPVCG's
 * guide "Consent Records and Receipts as per ISO/IEC TS 27560:2023 using DPV" lays them out (profile
 * {@code dpv-27560#record}), as JSON-LD, one a line. A decision is one record per consent state it sets: a consent
 * that grants and denies is a {@code dpv:ConsentGiven} record and a {@code dpv:ConsentRefused} one. Policies, notices
 * and erasures are not consent records and have none. docs/exports.md maps every field.
 */
final class Iso27560Records implements RecordWriter {

    static final String PROFILE = "https://w3id.org/dpv/schema/dpv-27560#record";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectNode CONTEXT = JSON.createObjectNode()
            .put("dpv", "https://w3id.org/dpv#")
            .put("dct", "http://purl.org/dc/terms/")
            .put("loc", "https://w3id.org/dpv/loc#")
            .put("eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#");
    private static final String EVERY_CATEGORY = "every category of the policy version that requires consent";

    @Override
    public void write(ExportedEvent event, OutputStream out) throws IOException {
        for (ObjectNode record : records(event)) {
            NdjsonRecords.line(record, out);
        }
    }

    static List<ObjectNode> records(ExportedEvent event) {
        List<ObjectNode> records = new ArrayList<>();
        switch (event.type()) {
            case CONSENT_GIVEN -> {
                if (event.redacted()) {
                    // Its content is gone: whether it gave or refused is no longer known.
                    records.add(record(event, "dpv:ConsentUnknown", "unknown", null));
                    break;
                }
                List<String> refused = values(event, "denied");
                refused.addAll(values(event, "gpc/optedOut"));
                if (!values(event, "granted").isEmpty()) {
                    records.add(record(event, "dpv:ConsentGiven", "given", values(event, "granted")));
                }
                if (!refused.isEmpty()) {
                    records.add(record(event, "dpv:ConsentRefused", "refused", refused));
                }
            }
            case CONSENT_WITHDRAWN -> records.add(record(event, "dpv:ConsentWithdrawn", "withdrawn",
                    event.redacted() ? null : values(event, "categories")));
            default -> {
            }
        }
        return records;
    }

    /** @param purposes the categories; null when the event's content was redacted, empty for every category */
    private static ObjectNode record(ExportedEvent event, String status, String state, List<String> purposes) {
        String eventId = event.text("eventId");
        String site = event.text("stream").split("/", 2)[0];
        ObjectNode record = JSON.createObjectNode();
        record.set("@context", CONTEXT);
        record.put("@type", "dpv:ConsentRecord")
                .put("dct:conformsTo", PROFILE)
                .put("dct:identifier", eventId + "#" + state)
                .put("dct:source", eventId);
        putIfPresent(record, "dct:created", event.text("recordedAt"));
        if (event.erased()) {
            record.put(ExportedEvent.PERSONAL, ExportedEvent.ERASED);
        } else {
            record.putObject("dpv:hasDataSubject").put("@type", "dpv:DataSubject")
                    .put("dct:identifier", event.text("visitorId"));
        }
        record.putObject("dpv:hasDataController").put("@type", "dpv:DataController").put("dct:identifier", site);
        notices(record, event, site);
        putIfPresent(record, "dct:language", event.text("context/language"));
        if (purposes != null) {
            ArrayNode purposeNodes = record.putObject("dpv:hasProcess").put("@type", "dpv:Process")
                    .put("dpv:hasLegalBasis", "dpv:Consent")
                    .putArray("dpv:hasPurpose");
            purposes.forEach(id -> purposeNodes.addObject().put("@type", "dpv:Purpose").put("dct:identifier", id));
            if (purposes.isEmpty()) {
                purposeNodes.addObject().put("@type", "dpv:Purpose").put("dct:description", EVERY_CATEGORY);
            }
        }
        jurisdiction(record, event);
        ObjectNode stated = record.putObject("dpv:hasConsentStatus").put("@type", status);
        putIfPresent(stated, "dpv:isIndicatedAtTime", event.text("occurredAt"));
        stated.put("dpv:isIndicatedBy", "dpv:DataSubject");
        putIfPresent(stated, "dpv:hasIndicationMethod", event.text("context/method"));
        return record;
    }

    /** The policy version decided on (a privacy notice) and the banner shown (a consent notice), by ledger path. */
    private static void notices(ObjectNode record, ExportedEvent event, String site) {
        String version = event.text("policyVersion");
        String noticeId = event.text("context/noticeId");
        if (version == null && noticeId == null) {
            return;
        }
        ArrayNode notices = record.putArray("dpv:hasNotice");
        if (version != null) {
            notices.addObject().put("@type", "dpv:PrivacyNotice")
                    .put("dct:identifier", "/api/v1/sites/" + site + "/policies/" + version);
        }
        if (noticeId != null) {
            ObjectNode notice = notices.addObject().put("@type", "dpv:ConsentNotice")
                    .put("dct:identifier", "/api/v1/sites/" + site + "/notices/" + noticeId);
            putIfPresent(notice, "dct:language", event.text("context/language"));
        }
    }

    /** Countries and regions by their ISO 3166 codes, as DPV's location extension names them; GDPR by its concept. */
    private static void jurisdiction(ObjectNode record, ExportedEvent event) {
        String country = event.text("context/country");
        String region = event.text("context/region");
        if (country != null || region != null) {
            ArrayNode places = record.putArray("dpv:hasJurisdiction");
            for (String code : new String[] {country, region}) {
                if (code != null) {
                    places.add("loc:" + code);
                }
            }
        }
        String regulation = event.text("context/regulation");
        if (regulation != null) {
            record.put("dpv:hasApplicableLaw", regulation.equals("gdpr") ? "eu-gdpr:GDPR" : regulation);
        }
    }

    private static List<String> values(ExportedEvent event, String path) {
        List<String> values = new ArrayList<>();
        JsonNode list = event.record().at("/" + path);
        if (list.isArray()) {
            list.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
