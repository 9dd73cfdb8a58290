package org.consentledger.ledger.signals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.signals.TcfAnswer;
import org.consentledger.api.signals.TcfVendorAnswer;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.evidence.QuestionParameters;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.projections.consent.TcfAnswers;
import org.consentledger.verifier.TcfDecision;
import org.consentledger.verifier.TcfVendors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A visitor's IAB TCF state at an instant, and whether it lets a vendor process data for a purpose (audit role). */
@RestController
@Tag(name = "audit")
@RequestMapping("/api/v1/sites/{siteId}/visitors/{visitorId}/tcf")
class TcfController {

    /** The TCF has purposes 1 to 11; the string has room for 24. */
    private static final int MOST_PURPOSES = 24;
    /** Vendor ids are 16-bit in a TC string. */
    private static final int MOST_VENDORS = 65_535;

    private final TcfAnswers answers;
    private final PublishedPolicies policies;
    private final EventStore eventStore;
    private final VisitorStreams streams;
    private final DataKeys keys;

    TcfController(TcfAnswers answers, PublishedPolicies policies, EventStore eventStore, VisitorStreams streams,
                  DataKeys keys) {
        this.answers = answers;
        this.policies = policies;
        this.eventStore = eventStore;
        this.streams = streams;
        this.keys = keys;
    }

    @Operation(summary = "What the visitor's TC string in force at 'at' says, as the ledger knew it at 'asOf'")
    @QuestionParameters
    @GetMapping
    TcfAnswer tcf(@Parameter(hidden = true) ConsentAt question) {
        Optional<TcfDecision> inForce = inForce(question);
        return inForce.map(d -> TcfAnswer.of(question.siteId(), question.visitorId(), question.at(), question.asOf(),
                        d.eventId(), tcString(question, d), d.tcf()))
                .orElseGet(() -> TcfAnswer.none(question.siteId(), question.visitorId(), question.at(),
                        question.asOf()));
    }

    @Operation(summary = "Whether the TC string in force lets the vendor process data for the purpose, on which "
            + "legal basis, and why")
    @QuestionParameters
    @GetMapping("/vendors/{vendorId}")
    TcfVendorAnswer vendor(@Parameter(hidden = true) ConsentAt question, @PathVariable int vendorId,
                           @RequestParam int purpose) {
        if (vendorId < 1 || vendorId > MOST_VENDORS) {
            throw LedgerRejection.malformed("vendorId", "a vendor id is 1 to " + MOST_VENDORS);
        }
        if (purpose < 1 || purpose > MOST_PURPOSES) {
            throw LedgerRejection.malformed("purpose", "a TCF purpose is 1 to " + MOST_PURPOSES);
        }
        Optional<TcfDecision> inForce = inForce(question);
        TcfVendors.Verdict verdict = TcfVendors.check(inForce.map(TcfDecision::tcf).orElse(null), vendorId, purpose);
        return new TcfVendorAnswer(vendorId, purpose, verdict.allowed(), verdict.basis(), verdict.reason(),
                inForce.map(TcfDecision::eventId).orElse(null));
    }

    private Optional<TcfDecision> inForce(ConsentAt question) {
        if (!policies.hasSite(question.siteId())) {
            throw LedgerRejection.unknownSite(question.siteId());
        }
        return answers.inForce(question);
    }

    /** The string as sent, from the consent's sealed personal part. */
    private String tcString(ConsentAt question, TcfDecision decision) {
        String stream = streams.current(question.siteId(), question.visitorId(), new ArrayList<>());
        Optional<DataKey> key = keys.current(stream);
        if (key.isEmpty()) {
            return null;
        }
        DomainEventMessage<?> event = eventStore.readEvents(stream, decision.sequence()).asStream()
                .filter(e -> e.getIdentifier().equals(decision.eventId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the consent history names event "
                        + decision.eventId() + ", which its stream does not hold"));
        ConsentGiven given = (ConsentGiven) event.getPayload();
        return PersonalParts.open(given, event.getIdentifier(), key.get()).value().tcString();
    }
}
