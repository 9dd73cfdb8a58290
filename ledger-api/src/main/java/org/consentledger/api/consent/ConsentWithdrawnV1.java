package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import org.consentledger.api.FormatOneEvent;
import org.consentledger.api.Recorded;

/**
 * A visitor withdrew consent for {@code categories} (empty: every category that requires consent), as evidence
 * format 1 stored it. Events written before format 2 are read into it; the ledger no longer writes it.
 */
public record ConsentWithdrawnV1(
        String siteId,
        String visitorId,
        String withdrawalId,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> categories) implements Recorded, FormatOneEvent {

    @Override
    public ConsentWithdrawn publicPart() {
        return new ConsentWithdrawn(siteId, policyVersion, occurredAt, recordedAt, categories, null);
    }

    @Override
    public ConsentWithdrawnPersonal personalPart() {
        return new ConsentWithdrawnPersonal(visitorId, withdrawalId);
    }

    public boolean withdrawsEverything() {
        return categories.isEmpty();
    }
}
