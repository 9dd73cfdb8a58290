package org.consentledger.ledger.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
import org.consentledger.api.PersonalEvent;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorConsent;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.erasure.RedactedEvent;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.web.Ids;
import org.consentledger.store.personal.FormatOneStreams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
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
    private final VisitorStreams streams;
    private final DataKeys keys;
    private final FormatOneStreams formatOne;

    EvidenceController(QueryGateway queries, EventStore eventStore, PublishedPolicies policies, JsonMapper json,
                       EvidenceBundles bundles, VisitorStreams streams, DataKeys keys, FormatOneStreams formatOne) {
        this.formatOne = formatOne;
        this.queries = queries;
        this.eventStore = eventStore;
        this.policies = policies;
        this.json = json;
        this.bundles = bundles;
        this.streams = streams;
        this.keys = keys;
    }

    @Operation(summary = "Which cookies the visitor allowed at instant 'at', as the ledger knew it at 'asOf'")
    @QuestionParameters
    @GetMapping("/consent")
    VisitorAnswer consentAt(@Parameter(hidden = true) ConsentAt question) {
        VisitorConsent found = queries.query(question, ResponseTypes.optionalInstanceOf(VisitorConsent.class))
                .join().orElseThrow(() -> LedgerRejection.unknownSite(question.siteId()));
        ConsentAnswer answer = found.answer();
        // Only a visitor with no decision in the answer is told of an erasure: one erased and not seen since.
        VisitorStreams.Erasure erased = answer.basis().events() > 0 ? null : found.lastErasure();
        return new VisitorAnswer(answer, erased == null ? null : Erased.of(erased));
    }

    /**
     * The answer, and for a visitor erased before (whose answer is then made only of what came after) the last
     * erasure.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VisitorAnswer(@JsonUnwrapped ConsentAnswer answer, Erased erased) {
    }

    record Erased(Instant at, String erasureId, String reason) {

        static Erased of(VisitorStreams.Erasure erasure) {
            return new Erased(erasure.at(), erasure.erasureId(), erasure.reason());
        }
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

    @Operation(summary = "The visitor's events in ledger order, the raw history an auditor replays: the streams erased "
            + "first, their events with their public parts only (personal: erased), then the current one")
    @GetMapping("/events")
    VisitorHistory events(@PathVariable String siteId, @PathVariable String visitorId) {
        if (!policies.hasSite(Ids.site(siteId))) {
            throw LedgerRejection.unknownSite(siteId);
        }
        String visitor = Ids.visitor(visitorId);
        List<String> visitorStreams = new ArrayList<>();
        List<VisitorStreams.Erasure> erased = new ArrayList<>();
        String current = streams.current(siteId, visitor, erased);
        erased.forEach(stream -> visitorStreams.add(stream.stream()));
        visitorStreams.add(current);
        String first = streams.first(siteId, visitor);
        boolean namedStreamsLeft = formatOne.any();
        List<Map<String, Object>> events = new ArrayList<>();
        for (String stream : visitorStreams) {
            Optional<DataKey> key = keys.current(stream);
            for (String withIt : FormatOneEvents.streamsWith(siteId, visitor, stream, first, !stream.equals(current),
                    namedStreamsLeft)) {
                eventStore.readEvents(withIt).asStream().map(event -> entry(event, key)).forEach(events::add);
            }
        }
        return new VisitorHistory(siteId, visitorId, events);
    }

    /** The public part, and the personal part opened with the stream's key, or {@code "erased"} once it is gone. */
    private Map<String, Object> entry(DomainEventMessage<?> event, Optional<DataKey> key) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("eventId", event.getIdentifier());
        if (event.getPayload() instanceof RedactedEvent redacted) {
            // A format 1 event of an erased visitor: only its place is left.
            entry.put("type", EventType.ofFormatOneName(redacted.storedType()).orElseThrow().label());
            entry.put("sequence", event.getSequenceNumber());
            entry.put(EventChain.PERSONAL, "erased");
            return entry;
        }
        entry.put("type", EventType.of(event.getPayload()).label());
        entry.put("sequence", event.getSequenceNumber());
        entry.putAll(json.convertValue(event.getPayload(), new TypeReference<Map<String, Object>>() { }));
        if (event.getPayload() instanceof PersonalEvent<?, ?> sealed) {
            entry.remove(EventChain.PERSONAL);
            if (key.isPresent()) {
                JsonNode fields = PersonalParts.openFields(sealed, event.getIdentifier(), key.get()).fields();
                entry.putAll(json.convertValue(fields, new TypeReference<Map<String, Object>>() { }));
            } else {
                entry.put(EventChain.PERSONAL, "erased");
            }
        }
        return entry;
    }

    record VisitorHistory(String siteId, String visitorId, List<Map<String, Object>> events) {
    }
}
