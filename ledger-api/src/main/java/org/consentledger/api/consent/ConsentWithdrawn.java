package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.consentledger.api.Recorded;

/**
 * A visitor withdrew consent for {@code categories} (empty: every category that requires consent).
 *
 * @param policyVersion the version in force at {@code occurredAt}, against which the categories were checked
 */
public record ConsentWithdrawn(
        String siteId,
        String visitorId,
        String withdrawalId,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> categories) implements Recorded {

    public boolean withdrawsEverything() {
        return categories.isEmpty();
    }

    public boolean sameSubmissionAs(WithdrawConsent command) {
        return occurredAt.equals(command.occurredAt()) && Set.copyOf(categories).equals(Set.copyOf(command.categories()));
    }
}
