package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.consentledger.api.Recorded;

/** A visitor granted and denied categories of one policy version; {@code recordedAt} is when the ledger stored it. */
public record ConsentGiven(
        String siteId,
        String visitorId,
        String consentId,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> granted,
        List<String> denied,
        String source,
        Map<String, String> evidence) implements Recorded {

    /** True when the command asks for exactly what this event recorded: a resubmission, not a new choice. */
    public boolean sameSubmissionAs(GiveConsent command) {
        return policyVersion == command.policyVersion()
                && occurredAt.equals(command.occurredAt())
                && Set.copyOf(granted).equals(Set.copyOf(command.granted()))
                && Set.copyOf(denied).equals(Set.copyOf(command.denied()))
                && Objects.equals(source, command.source())
                && evidence.equals(command.evidence());
    }
}
