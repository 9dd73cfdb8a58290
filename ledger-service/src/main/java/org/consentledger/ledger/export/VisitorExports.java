package org.consentledger.ledger.export;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorConsent;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.evidence.FormatOneEvents;
import org.consentledger.ledger.export.EventRecords.Read;
import org.consentledger.ledger.export.VisitorExport.ExportedErasure;
import org.consentledger.ledger.export.VisitorExport.ExportedNotice;
import org.consentledger.ledger.export.VisitorExport.ExportedPolicyVersion;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.store.events.SiteEventRows;
import org.consentledger.store.personal.FormatOneStreams;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gathers a visitor's export: their streams found as {@code GET .../events} finds them (the erased ones first, each
 * with the format 1 events that go with it), read as stored; the answer for now from the read model; and, from the
 * site's stream, the policy versions and notices the events refer to.
 */
@Component
class VisitorExports {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MEMBERS = new TypeReference<>() { };

    private final SiteEventRows rows;
    private final DataKeys keys;
    private final VisitorStreams streams;
    private final FormatOneStreams formatOne;
    private final QueryGateway queries;
    private final Clock clock;

    VisitorExports(SiteEventRows rows, DataKeys keys, VisitorStreams streams, FormatOneStreams formatOne,
                   QueryGateway queries, Clock clock) {
        this.rows = rows;
        this.keys = keys;
        this.streams = streams;
        this.formatOne = formatOne;
        this.queries = queries;
        this.clock = clock;
    }

    /** @throws LedgerRejection not found (visitorId) when the ledger never recorded the visitor on the site */
    VisitorExport export(String siteId, String visitorId) {
        List<VisitorStreams.Erasure> erased = new ArrayList<>();
        String current = streams.current(siteId, visitorId, erased);
        List<String> visitorStreams = new ArrayList<>();
        erased.forEach(erasure -> visitorStreams.add(erasure.stream()));
        visitorStreams.add(current);
        String first = streams.first(siteId, visitorId);
        boolean namedStreamsLeft = formatOne.any();
        List<ExportedEvent> events = new ArrayList<>();
        for (String stream : visitorStreams) {
            DataKey key = keys.current(stream).orElse(null);
            for (String withIt : FormatOneEvents.streamsWith(siteId, visitorId, stream, first,
                    !stream.equals(current), namedStreamsLeft)) {
                rows.stream(withIt).forEach(row -> events.add(EventRecords.record(EventRecords.read(row), key)));
            }
        }
        if (events.isEmpty()) {
            throw LedgerRejection.notFound("visitorId",
                    "the ledger holds nothing on visitor '%s' of site '%s'".formatted(visitorId, siteId));
        }
        Instant now = clock.instant();
        ConsentAnswer answer = queries.query(new ConsentAt(siteId, visitorId, now, now),
                        ResponseTypes.optionalInstanceOf(VisitorConsent.class)).join()
                .map(VisitorConsent::answer)
                .orElseThrow(() -> LedgerRejection.unknownSite(siteId));
        Set<Integer> versions = new TreeSet<>();
        Set<String> noticeIds = new TreeSet<>();
        for (ExportedEvent event : events) {
            Optional.ofNullable(event.text("policyVersion")).map(Integer::valueOf).ifPresent(versions::add);
            Optional.ofNullable(event.text("context/noticeId")).ifPresent(noticeIds::add);
        }
        // A site publishes few versions and notices: its stream is read whole, once.
        List<Read> site = rows.stream(siteId).stream().map(EventRecords::read).toList();
        List<ExportedNotice> notices = notices(site, noticeIds);
        notices.forEach(notice -> versions.add(notice.policyVersion()));
        return new VisitorExport(siteId, visitorId, now, answer,
                events.stream().map(event -> JSON.convertValue(event.record(), MEMBERS)).toList(),
                policyVersions(site, versions), notices,
                erased.stream().map(e -> new ExportedErasure(e.erasureId(), e.reason(), e.at())).toList());
    }

    private static List<ExportedNotice> notices(List<Read> site, Set<String> noticeIds) {
        List<ExportedNotice> notices = new ArrayList<>();
        for (Read read : ofType(site, EventType.NOTICE_PUBLISHED)) {
            JsonNode notice = read.payload().get("notice");
            if (noticeIds.contains(notice.get("noticeId").asString())) {
                notices.add(new ExportedNotice(notice.get("noticeId").asString(),
                        read.payload().get("digest").asString(), notice.get("policyVersion").asInt(),
                        read.recordedAt(), read.row().eventId(), EventRecords.hash(read.row())));
            }
        }
        return notices;
    }

    private static List<ExportedPolicyVersion> policyVersions(List<Read> site, Set<Integer> versions) {
        List<ExportedPolicyVersion> found = new ArrayList<>();
        for (Read read : ofType(site, EventType.POLICY_PUBLISHED)) {
            JsonNode policy = read.payload().get("policy");
            if (versions.contains(policy.get("version").asInt())) {
                found.add(new ExportedPolicyVersion(policy.get("version").asInt(),
                        Instant.parse(policy.get("effectiveFrom").asString()), read.recordedAt(),
                        read.row().eventId(), EventRecords.hash(read.row())));
            }
        }
        return found;
    }

    private static List<Read> ofType(List<Read> site, EventType type) {
        return site.stream().filter(read -> read.type() == type).toList();
    }
}
