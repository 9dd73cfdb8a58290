package org.consentledger.ledger.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnPersonal;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.signals.GpcSignal;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerTime;
import org.consentledger.ledger.policy.PolicyVersions;
import org.consentledger.ledger.policy.PublishedSite;
import org.consentledger.ledger.signals.GppStrings;
import org.consentledger.ledger.signals.TcStrings;
import org.consentledger.ledger.write.Earlier;

/**
 * Decides what becomes of a consent or withdrawal: a new event, the earlier receipt for a client id sent again, or a
 * refusal. From plain values (the command, the event that used its id before, the site's policy versions, the
 * clock), so every rule is tested without a store or Axon; the aggregate only loads them and applies the event.
 */
public class ConsentRules {

    private final Clock clock;
    private final ConsentProperties properties;
    private final boolean truncateIp;

    /** @param truncateIp whether the visitor's address in the evidence is cut to its network ({@link IpAddresses}) */
    public ConsentRules(Clock clock, ConsentProperties properties, boolean truncateIp) {
        this.clock = clock;
        this.properties = properties;
        this.truncateIp = truncateIp;
    }

    /**
     * A consent: the receipt of {@code earlier} again when it recorded the same submission, a refusal when it
     * recorded other content under the same {@code consentId}, otherwise the event that records it.
     *
     * @param earlier the event that recorded this {@code consentId} before, if the visitor used it
     */
    public Decided<ConsentGiven, Receipt> give(GiveConsent command, Optional<Earlier<ConsentGiven>> earlier,
                                               PublishedSite site) {
        if (earlier.isPresent()) {
            Earlier<ConsentGiven> before = earlier.get();
            ConsentGivenPersonal personal = before.personal(ConsentGivenPersonal.class);
            return replay(sameSubmission(before.event(), personal, command, sealable(command.evidence())),
                    "consentId", command.consentId(),
                    receipt(before.eventId(), before.event(), personal));
        }
        return give(command, site);
    }

    /** As {@link #give(GiveConsent, Optional, PublishedSite)}, for a site that published no notices. */
    public Decided<ConsentGiven, Receipt> give(GiveConsent command, Optional<Earlier<ConsentGiven>> earlier,
                                               PolicyVersions policies) {
        return give(command, earlier, withoutNotices(policies));
    }

    /** As {@link #give(GiveConsent, Optional, PublishedSite)}, for a withdrawal and its {@code withdrawalId}. */
    public Decided<ConsentWithdrawn, Receipt> withdraw(WithdrawConsent command,
                                                       Optional<Earlier<ConsentWithdrawn>> earlier,
                                                       PublishedSite site) {
        if (earlier.isPresent()) {
            Earlier<ConsentWithdrawn> before = earlier.get();
            ConsentWithdrawnPersonal personal = before.personal(ConsentWithdrawnPersonal.class);
            return replay(sameSubmission(before.event(), personal, command, sealable(evidenceOf(command.evidence()))),
                    "withdrawalId", command.withdrawalId(),
                    receipt(before.eventId(), before.event(), personal));
        }
        return withdraw(command, site);
    }

    /** As {@link #withdraw(WithdrawConsent, Optional, PublishedSite)}, for a site that published no notices. */
    public Decided<ConsentWithdrawn, Receipt> withdraw(WithdrawConsent command,
                                                       Optional<Earlier<ConsentWithdrawn>> earlier,
                                                       PolicyVersions policies) {
        return withdraw(command, earlier, withoutNotices(policies));
    }

    private static PublishedSite withoutNotices(PolicyVersions policies) {
        return new PublishedSite(policies, Map.of(), Map.of());
    }

    /** What the ledger answers for a recorded consent. */
    public static Receipt receipt(String eventId, ConsentGiven event, ConsentGivenPersonal personal) {
        return new Receipt(eventId, EventType.CONSENT_GIVEN.label(), event.siteId(), personal.visitorId(),
                personal.consentId(), event.occurredAt(), event.recordedAt(), false);
    }

    /** What the ledger answers for a recorded withdrawal. */
    public static Receipt receipt(String eventId, ConsentWithdrawn event, ConsentWithdrawnPersonal personal) {
        return new Receipt(eventId, EventType.CONSENT_WITHDRAWN.label(), event.siteId(), personal.visitorId(),
                personal.withdrawalId(), event.occurredAt(), event.recordedAt(), false);
    }

    /**
     * True when the command asks for exactly what the event recorded: a resubmission, not a new choice.
     *
     * @param evidence the command's evidence as it would be sealed (its address cut as the recorded one was)
     */
    static boolean sameSubmission(ConsentGiven event, ConsentGivenPersonal personal, GiveConsent command,
                                  Map<String, String> evidence) {
        return event.policyVersion() == command.policyVersion()
                && event.occurredAt().equals(command.occurredAt())
                && Set.copyOf(event.granted()).equals(Set.copyOf(command.granted()))
                && Set.copyOf(event.denied()).equals(Set.copyOf(command.denied()))
                && Objects.equals(event.source(), command.source())
                && personal.evidence().equals(evidence)
                && Objects.equals(personal.tcString(), command.tcString())
                && Objects.equals(personal.gppString(), command.gppString())
                && (event.gpc() != null) == command.gpc()
                && Objects.equals(event.browser(), command.browser())
                && sameContext(event.context(), command.context());
    }

    static boolean sameSubmission(ConsentWithdrawn event, ConsentWithdrawnPersonal personal,
                                  WithdrawConsent command, Map<String, String> evidence) {
        return event.occurredAt().equals(command.occurredAt())
                && Set.copyOf(event.categories()).equals(Set.copyOf(command.categories()))
                && evidenceOf(personal.evidence()).equals(evidence)
                && Objects.equals(event.browser(), command.browser())
                && sameContext(event.context(), command.context());
    }

    /**
     * Compared as sent: the recorded context has its language tag in normal form, so a context sent again is taken for
     * the same when it differs only in that tag's spelling.
     */
    private static boolean sameContext(DecisionContext recorded, DecisionContext sent) {
        boolean noneRecorded = recorded == null || recorded.saysNothing();
        boolean noneSent = sent == null || sent.saysNothing();
        if (noneRecorded || noneSent) {
            return noneRecorded == noneSent;
        }
        return Objects.equals(recorded.noticeId(), sent.noticeId())
                && (recorded.language() == null ? sent.language() == null
                        : sent.language() != null && recorded.language().equalsIgnoreCase(sent.language()))
                && Objects.equals(recorded.method(), sent.method())
                && Objects.equals(recorded.surface(), sent.surface())
                && Objects.equals(recorded.regulation(), sent.regulation())
                && Objects.equals(recorded.country(), sent.country())
                && Objects.equals(recorded.region(), sent.region());
    }

    private static Map<String, String> evidenceOf(Map<String, String> evidence) {
        return evidence == null ? Map.of() : evidence;
    }

    /**
     * The same id with other content is refused: the client would otherwise believe its new choice was recorded.
     */
    private static <E> Decided<E, Receipt> replay(boolean sameSubmission, String idField, String id,
                                                  Receipt receipt) {
        if (!sameSubmission) {
            throw LedgerRejection.conflict(idField, "%s '%s' was already used for another submission"
                    .formatted(idField, id));
        }
        return new Decided.Replay<>(receipt.asReplay());
    }

    Decided.Record<ConsentGiven, Receipt> give(GiveConsent command, PolicyVersions policies) {
        return give(command, withoutNotices(policies));
    }

    Decided.Record<ConsentGiven, Receipt> give(GiveConsent command, PublishedSite site) {
        PolicyVersions policies = site.versions();
        Instant now = admit(command.siteId(), command.occurredAt(), policies);
        CookiePolicy policy = policies.version(command.policyVersion())
                .orElseThrow(() -> LedgerRejection.invalid("policyVersion", "site '%s' has no policy version %d"
                        .formatted(command.siteId(), command.policyVersion())));
        if (policy.effectiveFrom().isAfter(command.occurredAt())) {
            throw LedgerRejection.invalid("occurredAt", "policy version %d takes effect at %s, after occurredAt %s"
                    .formatted(policy.version(), policy.effectiveFrom(), command.occurredAt()));
        }
        Set<String> seen = new HashSet<>();
        checkCategories(command.granted(), "granted", policy, seen, false);
        checkCategories(command.denied(), "denied", policy, seen, true);
        GpcSignal gpc = command.gpc() ? new GpcSignal(policy.gpcOptOuts().stream().filter(id -> !seen.contains(id))
                .toList()) : null;
        if (seen.isEmpty() && (gpc == null || gpc.optedOut().isEmpty())) {
            throw LedgerRejection.invalid("granted", "a consent must grant or deny at least one category" + (gpc == null
                    ? "" : ", and policy version %d names none that Global Privacy Control opts out of (gpcOptsOut)"
                            .formatted(policy.version())));
        }
        DecisionContext context = ContextRules.check(command.context(), site, policy, command.granted(),
                command.denied(), true);
        if (context != null && "gpc".equals(context.method()) && gpc == null) {
            throw LedgerRejection.invalid("method", "the method 'gpc' says the Global Privacy Control signal chose, "
                    + "yet the consent came without it (Sec-GPC: 1, or \"gpc\": true)");
        }
        TcfConsent tcf = command.tcString() == null ? null : TcStrings.decode(command.tcString());
        GppConsent gpp = command.gppString() == null ? null : GppStrings.decode(command.gppString());
        return new Decided.Record<>(new ConsentGiven(command.siteId(), policy.version(), command.occurredAt(), now,
                command.granted(), command.denied(), command.source(), context, tcf, gpp, gpc, command.browser(), null),
                new ConsentGivenPersonal(command.visitorId(), command.consentId(), sealable(command.evidence()),
                        command.tcString(), command.gppString()));
    }

    Decided.Record<ConsentWithdrawn, Receipt> withdraw(WithdrawConsent command, PolicyVersions policies) {
        return withdraw(command, withoutNotices(policies));
    }

    Decided.Record<ConsentWithdrawn, Receipt> withdraw(WithdrawConsent command, PublishedSite site) {
        PolicyVersions policies = site.versions();
        Instant now = admit(command.siteId(), command.occurredAt(), policies);
        CookiePolicy policy = policies.inForceAt(command.occurredAt())
                .orElseThrow(() -> LedgerRejection.invalid("occurredAt", "no policy of site '%s' was in force at %s"
                        .formatted(command.siteId(), command.occurredAt())));
        checkCategories(command.categories(), "categories", policy, new HashSet<>(), true);
        DecisionContext context = ContextRules.check(command.context(), site, policy, List.of(),
                command.categories(), false);
        Map<String, String> evidence = evidenceOf(command.evidence());
        return new Decided.Record<>(new ConsentWithdrawn(command.siteId(), policy.version(), command.occurredAt(), now,
                command.categories(), context, command.browser(), null), new ConsentWithdrawnPersonal(command.visitorId(),
                command.withdrawalId(), evidence.isEmpty() ? null : sealable(evidence)));
    }

    /** The evidence as it is sealed: its page address checked, its IP address cut to its network unless kept. */
    private Map<String, String> sealable(Map<String, String> evidence) {
        ContextRules.checkPageUrl(evidence);
        return truncateIp ? IpAddresses.truncated(evidence) : Map.copyOf(evidence);
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
