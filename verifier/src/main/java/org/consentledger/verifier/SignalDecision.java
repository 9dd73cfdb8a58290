package org.consentledger.verifier;

import java.time.Instant;
import java.util.Optional;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;

/**
 * A consent that carried a TC or GPP string, reduced to what the signal answers read: when it occurred and was
 * recorded, its place in the visitor's stream, and what each string says (null for one it did not carry).
 */
public record SignalDecision(String eventId, long sequence, Instant occurredAt, Instant recordedAt, TcfConsent tcf,
                             GppConsent gpp) {

    /** The consent's signals; empty for any other record, and for a consent sent without a string. */
    public static Optional<SignalDecision> ofRecord(Object record, String eventId, long sequence) {
        return record instanceof ConsentGiven given && (given.tcf() != null || given.gpp() != null)
                ? Optional.of(new SignalDecision(eventId, sequence, given.occurredAt(), given.recordedAt(),
                        given.tcf(), given.gpp()))
                : Optional.empty();
    }

    public boolean visibleAt(Instant at, Instant asOf) {
        return !occurredAt.isAfter(at) && !recordedAt.isAfter(asOf);
    }
}
