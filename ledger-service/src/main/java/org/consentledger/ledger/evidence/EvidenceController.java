package org.consentledger.ledger.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.web.Ids;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What a visitor allowed at an instant, and the raw history that proves it (audit role). */
@RestController
@Tag(name = "audit")
@RequestMapping("/api/v1/sites/{siteId}/visitors/{visitorId}")
class EvidenceController {

    private final QueryGateway queries;
    private final EventStore eventStore;
    private final PublishedPolicies policies;
    private final JsonMapper json;
    private final EvidenceBundles bundles;

    EvidenceController(QueryGateway queries, EventStore eventStore, PublishedPolicies policies, JsonMapper json,
                       EvidenceBundles bundles) {
        this.queries = queries;
        this.eventStore = eventStore;
        this.policies = policies;
        this.json = json;
        this.bundles = bundles;
    }

    @Operation(summary = "Which cookies the visitor allowed at instant 'at', as the ledger knew it at 'asOf'")
    @QuestionParameters
    @GetMapping("/consent")
    ConsentAnswer consentAt(@Parameter(hidden = true) ConsentAt question) {
        return queries.query(question, ResponseTypes.optionalInstanceOf(ConsentAnswer.class)).join()
                .orElseThrow(() -> LedgerRejection.unknownSite(question.siteId()));
    }

    @Operation(summary = "The answer at 'at' as known at 'asOf', with every event and policy behind it, their hashes, "
            + "a proof of their inclusion in a signed checkpoint, and a signature over the whole: check it offline")
    @QuestionParameters
    @ApiResponse(responseCode = "200", description = "The signed evidence bundle (consent-ledger-evidence/2), "
            + "specified in docs/evidence-format.md", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(ref = "#/components/schemas/EvidenceBundle")))
    @GetMapping(path = "/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] evidence(@Parameter(hidden = true) ConsentAt question) {
        if (!policies.hasSite(question.siteId())) {
            throw LedgerRejection.unknownSite(question.siteId());
        }
        return bundles.bundle(question.siteId(), question.visitorId(), question.at(), question.asOf());
    }

    @Operation(summary = "The visitor's events in ledger order: the raw history an auditor replays")
    @GetMapping("/events")
    VisitorHistory events(@PathVariable String siteId, @PathVariable String visitorId) {
        if (!policies.hasSite(Ids.site(siteId))) {
            throw LedgerRejection.unknownSite(siteId);
        }
        List<Map<String, Object>> events = eventStore.readEvents(VisitorStream.id(siteId, Ids.visitor(visitorId)))
                .asStream()
                .map(this::entry)
                .toList();
        return new VisitorHistory(siteId, visitorId, events);
    }

    private Map<String, Object> entry(DomainEventMessage<?> event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("eventId", event.getIdentifier());
        entry.put("type", EventType.of(event.getPayload()).label());
        entry.put("sequence", event.getSequenceNumber());
        entry.putAll(json.convertValue(event.getPayload(), new TypeReference<Map<String, Object>>() { }));
        return entry;
    }

    record VisitorHistory(String siteId, String visitorId, List<Map<String, Object>> events) {
    }
}
