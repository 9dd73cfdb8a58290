package org.consentledger.ledger.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerTime;
import org.consentledger.ledger.policy.PolicyVersions;
import org.consentledger.ledger.write.Earlier;

/**
 * Decides what becomes of a consent or withdrawal: a new event, the earlier receipt for a client id sent again, or a
 * refusal. From plain values (the command, the event that used its id before, the site's policy versions, the
 * clock), so every rule is tested without a store or Axon; the aggregate only loads them and applies the event.
 */
public class ConsentRules {

    private final Clock clock;
    private final ConsentProperties properties;

    public ConsentRules(Clock clock, ConsentProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * A consent: the receipt of {@code earlier} again when it recorded the same submission, a refusal when it
     * recorded other content under the same {@code consentId}, otherwise the event that records it.
     *
     * @param earlier the event that recorded this {@code consentId} before, if the visitor used it
     */
    public Decided<ConsentGiven, Receipt> give(GiveConsent command, Optional<Earlier<ConsentGiven>> earlier,
                                      PolicyVersions policies) {
        if (earlier.isPresent()) {
            return replay(earlier.get(), earlier.get().event().sameSubmissionAs(command), "consentId",
                    command.consentId(), receipt(earlier.get().eventId(), earlier.get().event()));
        }
        return new Decided.Record<>(give(command, policies));
    }

    /** As {@link #give(GiveConsent, Optional, PolicyVersions)}, for a withdrawal and its {@code withdrawalId}. */
    public Decided<ConsentWithdrawn, Receipt> withdraw(WithdrawConsent command,
                                                       Optional<Earlier<ConsentWithdrawn>> earlier,
                                                       PolicyVersions policies) {
        if (earlier.isPresent()) {
            return replay(earlier.get(), earlier.get().event().sameSubmissionAs(command), "withdrawalId",
                    command.withdrawalId(), receipt(earlier.get().eventId(), earlier.get().event()));
        }
        return new Decided.Record<>(withdraw(command, policies));
    }

    /** What the ledger answers for a recorded consent. */
    public static Receipt receipt(String eventId, ConsentGiven event) {
        return new Receipt(eventId, EventType.CONSENT_GIVEN.label(), event.siteId(), event.visitorId(),
                event.consentId(), event.occurredAt(), event.recordedAt(), false);
    }

    /** What the ledger answers for a recorded withdrawal. */
    public static Receipt receipt(String eventId, ConsentWithdrawn event) {
        return new Receipt(eventId, EventType.CONSENT_WITHDRAWN.label(), event.siteId(), event.visitorId(),
                event.withdrawalId(), event.occurredAt(), event.recordedAt(), false);
    }

    /**
     * The same id with other content is refused: the client would otherwise believe its new choice was recorded.
     */
    private static <E> Decided<E, Receipt> replay(Earlier<E> earlier, boolean sameSubmission, String idField,
                                                  String id, Receipt receipt) {
        if (!sameSubmission) {
            throw LedgerRejection.conflict(idField, "%s '%s' was already used for another submission"
                    .formatted(idField, id));
        }
        return new Decided.Replay<>(receipt.asReplay());
    }

    ConsentGiven give(GiveConsent command, PolicyVersions policies) {
        Instant now = admit(command.siteId(), command.occurredAt(), policies);
        CookiePolicy policy = policies.version(command.policyVersion())
                .orElseThrow(() -> LedgerRejection.invalid("policyVersion", "site '%s' has no policy version %d"
                        .formatted(command.siteId(), command.policyVersion())));
        if (policy.effectiveFrom().isAfter(command.occurredAt())) {
            throw LedgerRejection.invalid("occurredAt", "policy version %d takes effect at %s, after occurredAt %s"
                    .formatted(policy.version(), policy.effectiveFrom(), command.occurredAt()));
        }
        if (command.granted().isEmpty() && command.denied().isEmpty()) {
            throw LedgerRejection.invalid("granted", "a consent must grant or deny at least one category");
        }
        Set<String> seen = new HashSet<>();
        checkCategories(command.granted(), "granted", policy, seen, false);
        checkCategories(command.denied(), "denied", policy, seen, true);
        return new ConsentGiven(command.siteId(), command.visitorId(), command.consentId(), policy.version(),
                command.occurredAt(), now, command.granted(), command.denied(), command.source(),
                Map.copyOf(command.evidence()));
    }

    ConsentWithdrawn withdraw(WithdrawConsent command, PolicyVersions policies) {
        Instant now = admit(command.siteId(), command.occurredAt(), policies);
        CookiePolicy policy = policies.inForceAt(command.occurredAt())
                .orElseThrow(() -> LedgerRejection.invalid("occurredAt", "no policy of site '%s' was in force at %s"
                        .formatted(command.siteId(), command.occurredAt())));
        checkCategories(command.categories(), "categories", policy, new HashSet<>(), true);
        return new ConsentWithdrawn(command.siteId(), command.visitorId(), command.withdrawalId(), policy.version(),
                command.occurredAt(), now, command.categories());
    }

    /** Checks what every submission needs, and gives the instant it is recorded at. */
    private Instant admit(String siteId, Instant occurredAt, PolicyVersions policies) {
        Instant now = LedgerTime.now(clock);
        checkTime(occurredAt, now);
        if (!policies.exists()) {
            throw LedgerRejection.unknownSite(siteId);
        }
        return now;
    }

    private void checkTime(Instant occurredAt, Instant now) {
        LedgerTime.requireMicros(occurredAt, "occurredAt");
        if (occurredAt.isAfter(now.plus(properties.maxClockSkew()))) {
            throw LedgerRejection.invalid("occurredAt", "occurredAt %s is more than %s ahead of the ledger's clock (%s)"
                    .formatted(occurredAt, properties.maxClockSkew(), now));
        }
        if (occurredAt.isBefore(now.minus(properties.maxBackfill()))) {
            throw LedgerRejection.invalid("occurredAt", "occurredAt %s is more than %s before the ledger's clock (%s)"
                    .formatted(occurredAt, properties.maxBackfill(), now));
        }
    }

    /**
     * @param refusing true for denials and withdrawals, which a category that needs no consent cannot take
     */
    private static void checkCategories(List<String> ids, String field, CookiePolicy policy, Set<String> seen,
                                        boolean refusing) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = field + "[" + i + "]";
            CookieCategory category = policy.category(id).orElseThrow(() -> LedgerRejection.invalid(at,
                    "category '%s' is not in policy version %d".formatted(id, policy.version())));
            if (refusing && !category.consentRequired()) {
                throw LedgerRejection.invalid(at, "category '%s' does not require consent, so it cannot be %s"
                        .formatted(id, field.equals("categories") ? "withdrawn" : "denied"));
            }
            if (!seen.add(id)) {
                throw LedgerRejection.invalid(at, "category '%s' appears more than once".formatted(id));
            }
        }
    }
}
