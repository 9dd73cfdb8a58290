package org.consentledger.verifier;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.consent.DecisionContext;

/**
 * One event of a visitor's history, reduced to what decides categories.
 *
 * @param sequence  the event's position in the visitor's stream: the record order that breaks ties between
 *                  events with the same {@code occurredAt}
 * @param withdrawn for a withdrawal, the categories withdrawn; empty withdraws every category
 * @param optedOut  for a consent sent with the Global Privacy Control signal, the categories the signal denied
 * @param noticeId  the notice the visitor chose on, when the decision's context names one
 */
public record Decision(
        String eventId,
        long sequence,
        Kind kind,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> granted,
        List<String> denied,
        List<String> withdrawn,
        List<String> optedOut,
        String noticeId) {

    public enum Kind { GIVEN, WITHDRAWN }

    public Decision {
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
        withdrawn = List.copyOf(withdrawn);
        optedOut = List.copyOf(optedOut);
    }

    /** A decision made without the Global Privacy Control signal, on no notice the ledger knows of. */
    public Decision(String eventId, long sequence, Kind kind, int policyVersion, Instant occurredAt,
                    Instant recordedAt, List<String> granted, List<String> denied, List<String> withdrawn) {
        this(eventId, sequence, kind, policyVersion, occurredAt, recordedAt, granted, denied, withdrawn, List.of(),
                null);
    }

    public static Decision of(ConsentGivenV1 event, String eventId, long sequence) {
        return new Decision(eventId, sequence, Kind.GIVEN, event.policyVersion(), event.occurredAt(),
                event.recordedAt(), event.granted(), event.denied(), List.of());
    }

    public static Decision of(ConsentWithdrawnV1 event, String eventId, long sequence) {
        return new Decision(eventId, sequence, Kind.WITHDRAWN, event.policyVersion(), event.occurredAt(),
                event.recordedAt(), List.of(), List.of(), event.categories());
    }

    public static Decision of(ConsentGiven event, String eventId, long sequence) {
        return new Decision(eventId, sequence, Kind.GIVEN, event.policyVersion(), event.occurredAt(),
                event.recordedAt(), event.granted(), event.denied(), List.of(),
                event.gpc() == null ? List.of() : event.gpc().optedOut(), noticeOf(event.context()));
    }

    public static Decision of(ConsentWithdrawn event, String eventId, long sequence) {
        return new Decision(eventId, sequence, Kind.WITHDRAWN, event.policyVersion(), event.occurredAt(),
                event.recordedAt(), List.of(), List.of(), event.categories(), List.of(), noticeOf(event.context()));
    }

    private static String noticeOf(DecisionContext context) {
        return context == null ? null : context.noticeId();
    }

    /**
     * The decision an event's record holds, of either evidence format; empty for a record that decides nothing (a
     * policy version, an erasure). The one place every reader of events turns a record into a decision.
     */
    public static Optional<Decision> ofRecord(Object record, String eventId, long sequence) {
        if (record instanceof ConsentGiven given) {
            return Optional.of(of(given, eventId, sequence));
        }
        if (record instanceof ConsentWithdrawn withdrawn) {
            return Optional.of(of(withdrawn, eventId, sequence));
        }
        if (record instanceof ConsentGivenV1 given) {
            return Optional.of(of(given, eventId, sequence));
        }
        if (record instanceof ConsentWithdrawnV1 withdrawn) {
            return Optional.of(of(withdrawn, eventId, sequence));
        }
        return Optional.empty();
    }

    /**
     * Which of the decisions about a category stands: the one that occurred last, and of those that occurred at the
     * same instant, the one recorded last. The point-in-time answers and the state published to Kafka both follow it.
     */
    public static final Comparator<Decision> STANDING_ORDER =
            Comparator.comparing(Decision::occurredAt).thenComparingLong(Decision::sequence);

    /**
     * {@link #STANDING_ORDER} for this decision, recorded after the one that decided a category so far: it stands
     * unless that one occurred later.
     */
    public boolean standsOver(Instant decidedSoFarOccurredAt) {
        return !decidedSoFarOccurredAt.isAfter(occurredAt);
    }

    /** What this event says about a category, if it says anything. */
    public Optional<ConsentStatus> statusOf(String categoryId) {
        if (kind == Kind.WITHDRAWN) {
            return withdrawn.isEmpty() || withdrawn.contains(categoryId)
                    ? Optional.of(ConsentStatus.WITHDRAWN) : Optional.empty();
        }
        if (granted.contains(categoryId)) {
            return Optional.of(ConsentStatus.GRANTED);
        }
        if (denied.contains(categoryId)) {
            return Optional.of(ConsentStatus.DENIED);
        }
        return optedOut.contains(categoryId) ? Optional.of(ConsentStatus.GPC) : Optional.empty();
    }

    public boolean visibleAt(Instant at, Instant asOf) {
        return !occurredAt.isAfter(at) && !recordedAt.isAfter(asOf);
    }
}
