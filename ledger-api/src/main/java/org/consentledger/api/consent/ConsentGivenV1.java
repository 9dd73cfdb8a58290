package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consentledger.api.FormatOneEvent;
import org.consentledger.api.Recorded;

/**
 * A visitor granted and denied categories of one policy version, as evidence format 1 stored it: everything in
 * one payload, the visitor id and evidence included. Events written before format 2 are read into it; the ledger no
 * longer writes it.
 */
public record ConsentGivenV1(
        String siteId,
        String visitorId,
        String consentId,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> granted,
        List<String> denied,
        String source,
        Map<String, String> evidence) implements Recorded, FormatOneEvent {

    @Override
    public ConsentGiven publicPart() {
        return new ConsentGiven(siteId, policyVersion, occurredAt, recordedAt, granted, denied, source, null);
    }

    @Override
    public ConsentGivenPersonal personalPart() {
        return new ConsentGivenPersonal(visitorId, consentId, evidence);
    }
}
