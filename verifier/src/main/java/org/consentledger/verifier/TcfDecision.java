package org.consentledger.verifier;

import java.time.Instant;
import java.util.Optional;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.signals.TcfConsent;

/**
 * A consent that carried a TC string, reduced to what the TCF answer reads: when it occurred and was recorded, its
 * place in the visitor's stream, and what the string says.
 */
public record TcfDecision(String eventId, long sequence, Instant occurredAt, Instant recordedAt, TcfConsent tcf) {

    /** The consent's TCF signal; empty for any other record, and for a consent sent without a TC string. */
    public static Optional<TcfDecision> ofRecord(Object record, String eventId, long sequence) {
        return record instanceof ConsentGiven given && given.tcf() != null
                ? Optional.of(new TcfDecision(eventId, sequence, given.occurredAt(), given.recordedAt(), given.tcf()))
                : Optional.empty();
    }

    public boolean visibleAt(Instant at, Instant asOf) {
        return !occurredAt.isAfter(at) && !recordedAt.isAfter(asOf);
    }
}
