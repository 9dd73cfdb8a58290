package org.consentledger.ledger.signals;

import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorConsent;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.signals.ConsentModeAnswer;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.verifier.ConsentModes;
import org.springframework.stereotype.Component;

/**
 * A visitor's answer with the Google Consent Mode states it gives under the policy version in force: what an auditor
 * asks for and what a banner sets, worked out once for both.
 */
@Component
public class ConsentModeAnswers {

    private final QueryGateway queries;
    private final PublishedPolicies policies;

    ConsentModeAnswers(QueryGateway queries, PublishedPolicies policies) {
        this.queries = queries;
        this.policies = policies;
    }

    /** The answer to a question and its Consent Mode states. */
    public record Answered(ConsentAnswer answer, ConsentModeAnswer consentMode) {
    }

    /** @throws LedgerRejection when the site is unknown */
    public Answered at(ConsentAt question) {
        ConsentAnswer answer = queries.query(question, ResponseTypes.optionalInstanceOf(VisitorConsent.class))
                .join().orElseThrow(() -> LedgerRejection.unknownSite(question.siteId())).answer();
        Optional<CookiePolicy> policy = Optional.ofNullable(answer.policyVersion())
                .flatMap(version -> policies.version(question.siteId(), version));
        return new Answered(answer, ConsentModes.of(answer, policy));
    }
}
