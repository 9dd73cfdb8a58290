package org.consentledger.ledger.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
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
@Aggregate(cache = "recentVisitors", commandTargetResolver = "visitorStreamOf")
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
        Receipt earlier = earlierReceipt(consents, "consentId", command.consentId(), e -> e.sameSubmissionAs(command));
        if (earlier != null) {
            return earlier;
        }
        apply(rules.give(command, policies));
        return consents.get(command.consentId()).receipt;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Receipt handle(WithdrawConsent command, ConsentRules rules, PublishedPolicies policies) {
        Receipt earlier = earlierReceipt(withdrawals, "withdrawalId", command.withdrawalId(),
                e -> e.sameSubmissionAs(command));
        if (earlier != null) {
            return earlier;
        }
        apply(rules.withdraw(command, policies));
        return withdrawals.get(command.withdrawalId()).receipt;
    }

    /**
     * The receipt of an earlier submission with the same client id, marked as a replay; null when the id is new.
     * The same id with other content is refused: the client would otherwise believe its new choice was recorded.
     */
    private static <E> Receipt earlierReceipt(Map<String, Recorded<E>> recorded, String idField, String id,
                                              Predicate<E> sameSubmission) {
        Recorded<E> earlier = recorded.get(id);
        if (earlier == null) {
            return null;
        }
        if (!sameSubmission.test(earlier.event)) {
            throw LedgerRejection.conflict(idField, "%s '%s' was already used for another submission"
                    .formatted(idField, id));
        }
        return earlier.receipt.asReplay();
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
