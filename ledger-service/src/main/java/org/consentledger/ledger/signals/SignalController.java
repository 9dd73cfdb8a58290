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
import org.consentledger.api.signals.ConsentModeAnswer;
import org.consentledger.api.signals.GppAnswer;
import org.consentledger.api.signals.TcfAnswer;
import org.consentledger.api.signals.TcfVendorAnswer;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.evidence.QuestionParameters;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.projections.consent.SignalAnswers;
import org.consentledger.verifier.SignalDecision;
import org.consentledger.verifier.TcfVendors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A visitor's IAB TCF and GPP strings in force at an instant, and whether the TC string lets a vendor process data for
 * a purpose (audit role).
 */
@RestController
@Tag(name = "audit")
@RequestMapping("/api/v1/sites/{siteId}/visitors/{visitorId}")
class SignalController {

    /** The TCF has purposes 1 to 11; the string has room for 24. */
    private static final int MOST_PURPOSES = 24;
    /** Vendor ids are 16-bit in a TC string. */
    private static final int MOST_VENDORS = 65_535;

    private final SignalAnswers answers;
    private final ConsentModeAnswers consentModes;
    private final PublishedPolicies policies;
    private final EventStore eventStore;
    private final VisitorStreams streams;
    private final DataKeys keys;

    SignalController(SignalAnswers answers, ConsentModeAnswers consentModes, PublishedPolicies policies,
                     EventStore eventStore, VisitorStreams streams, DataKeys keys) {
        this.answers = answers;
        this.consentModes = consentModes;
        this.policies = policies;
        this.eventStore = eventStore;
        this.streams = streams;
        this.keys = keys;
    }

    @Operation(summary = "What the visitor's TC string in force at 'at' says, as the ledger knew it at 'asOf'")
    @QuestionParameters
    @GetMapping("/tcf")
    TcfAnswer tcf(@Parameter(hidden = true) ConsentAt question) {
        knownSite(question);
        return answers.tcfInForce(question)
                .map(d -> TcfAnswer.of(question.siteId(), question.visitorId(), question.at(), question.asOf(),
                        d.eventId(), personal(question, d).map(ConsentGivenPersonal::tcString).orElse(null), d.tcf()))
                .orElseGet(() -> TcfAnswer.none(question.siteId(), question.visitorId(), question.at(),
                        question.asOf()));
    }

    @Operation(summary = "The visitor's Google Consent Mode v2 states at 'at', as the ledger knew it at 'asOf', "
            + "ready for gtag('consent', 'update', ...), each type with the category and event that decided it")
    @QuestionParameters
    @GetMapping("/consent-mode")
    ConsentModeAnswer consentMode(@Parameter(hidden = true) ConsentAt question) {
        return consentModes.at(question).consentMode();
    }

    @Operation(summary = "What the visitor's GPP string in force at 'at' says, as the ledger knew it at 'asOf'")
    @QuestionParameters
    @GetMapping("/gpp")
    GppAnswer gpp(@Parameter(hidden = true) ConsentAt question) {
        knownSite(question);
        return answers.gppInForce(question)
                .map(d -> GppAnswer.of(question.siteId(), question.visitorId(), question.at(), question.asOf(),
                        d.eventId(), personal(question, d).map(ConsentGivenPersonal::gppString).orElse(null), d.gpp()))
                .orElseGet(() -> GppAnswer.none(question.siteId(), question.visitorId(), question.at(),
                        question.asOf()));
    }

    @Operation(summary = "Whether the TC string in force lets the vendor process data for the purpose, on which "
            + "legal basis, and why")
    @QuestionParameters
    @GetMapping("/tcf/vendors/{vendorId}")
    TcfVendorAnswer vendor(@Parameter(hidden = true) ConsentAt question, @PathVariable int vendorId,
                           @RequestParam int purpose) {
        if (vendorId < 1 || vendorId > MOST_VENDORS) {
            throw LedgerRejection.malformed("vendorId", "a vendor id is 1 to " + MOST_VENDORS);
        }
        if (purpose < 1 || purpose > MOST_PURPOSES) {
            throw LedgerRejection.malformed("purpose", "a TCF purpose is 1 to " + MOST_PURPOSES);
        }
        knownSite(question);
        Optional<SignalDecision> inForce = answers.tcfInForce(question);
        TcfVendors.Verdict verdict = TcfVendors.check(inForce.map(SignalDecision::tcf).orElse(null), vendorId,
                purpose);
        return new TcfVendorAnswer(vendorId, purpose, verdict.allowed(), verdict.basis(), verdict.reason(),
                inForce.map(SignalDecision::eventId).orElse(null));
    }

    private void knownSite(ConsentAt question) {
        if (!policies.hasSite(question.siteId())) {
            throw LedgerRejection.unknownSite(question.siteId());
        }
    }

    /** The consent's sealed personal part, which holds the strings as sent; none once its key is destroyed. */
    private Optional<ConsentGivenPersonal> personal(ConsentAt question, SignalDecision decision) {
        String stream = streams.current(question.siteId(), question.visitorId(), new ArrayList<>());
        Optional<DataKey> key = keys.current(stream);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = eventStore.readEvents(stream, decision.sequence()).asStream()
                .filter(e -> e.getIdentifier().equals(decision.eventId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the consent history names event "
                        + decision.eventId() + ", which its stream does not hold"));
        ConsentGiven given = (ConsentGiven) event.getPayload();
        return Optional.of(PersonalParts.open(given, event.getIdentifier(), key.get()).value());
    }
}
