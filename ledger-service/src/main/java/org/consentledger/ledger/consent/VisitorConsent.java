package org.consentledger.ledger.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
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
import org.consentledger.ledger.Decided;
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
        Decided<ConsentGiven, Receipt> decided = rules.give(command,
                earlier(consents.get(command.consentId()), ConsentGiven.class, earlier),
                policies.versionsOf(command.siteId()));
        return record(decided);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Receipt handle(WithdrawConsent command, ConsentRules rules, PublishedPolicies policies,
                          EarlierSubmissions earlier) {
        Decided<ConsentWithdrawn, Receipt> decided = rules.withdraw(command,
                earlier(withdrawals.get(command.withdrawalId()), ConsentWithdrawn.class, earlier),
                policies.versionsOf(command.siteId()));
        return record(decided);
    }

    /** The event that recorded a client id before, read only when the id comes back. */
    private <E> Optional<Earlier<E>> earlier(Long recordedAt, Class<E> type, EarlierSubmissions submissions) {
        if (recordedAt == null) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = submissions.event(streamId, recordedAt);
        return Optional.of(new Earlier<>(event.getIdentifier(), type.cast(event.getPayload())));
    }

    private Receipt record(Decided<?, Receipt> decided) {
        if (decided instanceof Decided.Replay<?, Receipt> replay) {
            return replay.receipt();
        }
        apply(((Decided.Record<?, ?>) decided).event());
        return applied;
    }

    @EventSourcingHandler
    void on(ConsentGiven event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        streamId = VisitorStream.id(event.siteId(), event.visitorId());
        consents.put(event.consentId(), sequence);
        applied = ConsentRules.receipt(eventId, event);
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        streamId = VisitorStream.id(event.siteId(), event.visitorId());
        withdrawals.put(event.withdrawalId(), sequence);
        applied = ConsentRules.receipt(eventId, event);
    }
}
