package org.consentledger.ledger.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.VisitorStream;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.store.SubmissionIndex;

/**
 * One visitor's consent on one site. It remembers where in its stream each client id was recorded, so that a
 * resubmission is answered with the original receipt instead of being recorded twice; the events themselves stay in
 * the store, read again only for an id that comes back. Loaded from the store's submission index
 * ({@link VisitorConsentRepository}), or from its events like any aggregate.
 */
@Aggregate(repository = "visitorConsentRepository", commandTargetResolver = "visitorStreamOf")
public class VisitorConsent {

    @AggregateIdentifier
    private String streamId;
    /** Client id to the position of the event that recorded it. */
    private final Map<String, Long> consents = new HashMap<>();
    private final Map<String, Long> withdrawals = new HashMap<>();
    /** The receipt of the event applied last: the answer to the command that applied it. */
    private Receipt applied;

    protected VisitorConsent() {
        // For Axon, which rebuilds the aggregate from its events.
    }

    /** The state the store's submission index gives: each stored event's position and client id. */
    static VisitorConsent indexed(String streamId, List<SubmissionIndex.Entry> entries) {
        VisitorConsent visitor = new VisitorConsent();
        visitor.streamId = streamId;
        for (SubmissionIndex.Entry entry : entries) {
            String key = entry.submissionKey();
            if (key.startsWith(ConsentSubmissionKeys.CONSENT)) {
                visitor.consents.put(key.substring(ConsentSubmissionKeys.CONSENT.length()), entry.sequence());
            } else if (key.startsWith(ConsentSubmissionKeys.WITHDRAWAL)) {
                visitor.withdrawals.put(key.substring(ConsentSubmissionKeys.WITHDRAWAL.length()), entry.sequence());
            } else {
                throw new IllegalStateException("stream %s holds a submission '%s' that is no consent decision"
                        .formatted(streamId, key));
            }
        }
        return visitor;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Receipt handle(GiveConsent command, ConsentRules rules, PublishedPolicies policies,
                          EarlierSubmissions earlier) {
        Long recorded = consents.get(command.consentId());
        if (recorded != null) {
            return replay(earlier.event(streamId, recorded), ConsentGiven.class, "consentId", command.consentId(),
                    e -> e.sameSubmissionAs(command), VisitorConsent::receipt);
        }
        apply(rules.give(command, policies.versionsOf(command.siteId())));
        return applied;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Receipt handle(WithdrawConsent command, ConsentRules rules, PublishedPolicies policies,
                          EarlierSubmissions earlier) {
        Long recorded = withdrawals.get(command.withdrawalId());
        if (recorded != null) {
            return replay(earlier.event(streamId, recorded), ConsentWithdrawn.class, "withdrawalId",
                    command.withdrawalId(), e -> e.sameSubmissionAs(command), VisitorConsent::receipt);
        }
        apply(rules.withdraw(command, policies.versionsOf(command.siteId())));
        return applied;
    }

    /**
     * The receipt of the earlier submission with the same client id, marked as a replay. The same id with other
     * content is refused: the client would otherwise believe its new choice was recorded.
     */
    private static <E> Receipt replay(DomainEventMessage<?> earlier, Class<E> type, String idField, String id,
                                      Predicate<E> sameSubmission, BiFunction<String, E, Receipt> receipt) {
        E event = type.cast(earlier.getPayload());
        if (!sameSubmission.test(event)) {
            throw LedgerRejection.conflict(idField, "%s '%s' was already used for another submission"
                    .formatted(idField, id));
        }
        return receipt.apply(earlier.getIdentifier(), event).asReplay();
    }

    @EventSourcingHandler
    void on(ConsentGiven event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        streamId = VisitorStream.id(event.siteId(), event.visitorId());
        consents.put(event.consentId(), sequence);
        applied = receipt(eventId, event);
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        streamId = VisitorStream.id(event.siteId(), event.visitorId());
        withdrawals.put(event.withdrawalId(), sequence);
        applied = receipt(eventId, event);
    }

    private static Receipt receipt(String eventId, ConsentGiven event) {
        return new Receipt(eventId, EventType.CONSENT_GIVEN.label(), event.siteId(), event.visitorId(), event.consentId(),
                event.occurredAt(), event.recordedAt(), false);
    }

    private static Receipt receipt(String eventId, ConsentWithdrawn event) {
        return new Receipt(eventId, EventType.CONSENT_WITHDRAWN.label(), event.siteId(), event.visitorId(), event.withdrawalId(),
                event.occurredAt(), event.recordedAt(), false);
    }
}
