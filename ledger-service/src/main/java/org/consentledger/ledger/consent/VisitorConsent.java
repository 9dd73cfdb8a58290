package org.consentledger.ledger.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;

/**
 * One visitor's consent on one site. It remembers every submission by its client id so that a resubmission is
 * answered with the original receipt instead of being recorded twice.
 */
@Aggregate
public class VisitorConsent {

    @AggregateIdentifier
    private String streamId;
    private final Map<String, Recorded<ConsentGiven>> consents = new HashMap<>();
    private final Map<String, Recorded<ConsentWithdrawn>> withdrawals = new HashMap<>();

    protected VisitorConsent() {
        // For Axon, which rebuilds the aggregate from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Receipt handle(GiveConsent command, ConsentRules rules, PublishedPolicies policies) {
        Recorded<ConsentGiven> earlier = consents.get(command.consentId());
        if (earlier != null) {
            if (!earlier.event.sameSubmissionAs(command)) {
                throw LedgerRejection.conflict("consentId", "consentId '%s' was already used for another consent"
                        .formatted(command.consentId()));
            }
            return earlier.receipt.asReplay();
        }
        apply(rules.give(command, policies));
        return consents.get(command.consentId()).receipt;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Receipt handle(WithdrawConsent command, ConsentRules rules, PublishedPolicies policies) {
        Recorded<ConsentWithdrawn> earlier = withdrawals.get(command.withdrawalId());
        if (earlier != null) {
            if (!earlier.event.sameSubmissionAs(command)) {
                throw LedgerRejection.conflict("withdrawalId", "withdrawalId '%s' was already used for another withdrawal"
                        .formatted(command.withdrawalId()));
            }
            return earlier.receipt.asReplay();
        }
        apply(rules.withdraw(command, policies));
        return withdrawals.get(command.withdrawalId()).receipt;
    }

    @EventSourcingHandler
    void on(ConsentGiven event, @MessageIdentifier String eventId) {
        streamId = VisitorStream.id(event.siteId(), event.visitorId());
        consents.put(event.consentId(), new Recorded<>(event, new Receipt(eventId, "ConsentGiven", event.siteId(),
                event.visitorId(), event.consentId(), event.occurredAt(), event.recordedAt(), false)));
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event, @MessageIdentifier String eventId) {
        streamId = VisitorStream.id(event.siteId(), event.visitorId());
        withdrawals.put(event.withdrawalId(), new Recorded<>(event, new Receipt(eventId, "ConsentWithdrawn",
                event.siteId(), event.visitorId(), event.withdrawalId(), event.occurredAt(), event.recordedAt(), false)));
    }

    private record Recorded<E>(E event, Receipt receipt) {
    }
}
