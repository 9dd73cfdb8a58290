package org.consentledger.verifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAnswer.AnswerBasis;
import org.consentledger.api.consent.ConsentAnswer.AskReason;
import org.consentledger.api.consent.ConsentAnswer.CategoryAnswer;
import org.consentledger.api.consent.ConsentAnswer.CookieAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;

/**
 * The ledger's one rule for what a visitor allowed at an instant. Every answer, from the read model or from a
 * fold of the event store, goes through here, so both can be compared and neither can drift.
 *
 * <ul>
 *   <li>Only what the ledger knew at {@code asOf} counts: policies and events recorded after it are ignored.</li>
 *   <li>The policy in force at {@code at} is the newest known version whose {@code effectiveFrom <= at}.</li>
 *   <li>The visitor's events with {@code occurredAt <= at}, in occurrence order (record order breaking ties):
 *       for each category, the last one that touches it decides.</li>
 *   <li>A grant expires when {@code at - occurredAt} exceeds the max age of the version it was given under.</li>
 *   <li>A granted category allows only the cookies that version listed.</li>
 *   <li>The visitor is to be asked again when a reason of {@link AskReason} holds.</li>
 * </ul>
 */
public final class PointInTimeResolver {

    private PointInTimeResolver() {
    }

    /**
     * @param policies every published version of the site's policy (any order; unknown-at-asOf ones are skipped)
     * @param history  the visitor's events (any order, any superset of those visible at the query's instants)
     */
    public static ConsentAnswer resolve(ConsentAt query, List<CookiePolicyPublished> policies, List<Decision> history) {
        return resolve(query, policies, history, Duration.ZERO);
    }

    /**
     * As {@link #resolve(ConsentAt, List, List)}, saying when to ask again ({@link AskReason}).
     *
     * @param renewBefore how long before a consent expires to ask for it again
     */
    public static ConsentAnswer resolve(ConsentAt query, List<CookiePolicyPublished> policies, List<Decision> history,
                                        Duration renewBefore) {
        Map<Integer, CookiePolicy> byVersion = new HashMap<>();
        policies.forEach(p -> byVersion.put(p.version(), p.policy()));
        Optional<CookiePolicy> inForce = policies.stream()
                .filter(p -> !p.recordedAt().isAfter(query.asOf()))
                .map(CookiePolicyPublished::policy)
                .filter(p -> !p.effectiveFrom().isAfter(query.at()))
                .max(Comparator.comparing(CookiePolicy::effectiveFrom).thenComparingInt(CookiePolicy::version));
        AnswerBasis basis = basis(query, policies, history);
        if (inForce.isEmpty()) {
            // No policy in force: there is nothing a banner could ask about.
            return new ConsentAnswer(query.siteId(), query.visitorId(), query.at(), query.asOf(), null,
                    List.of(), List.of(), basis, false, List.of(), renewBefore);
        }
        CookiePolicy policy = inForce.get();
        List<Decision> visible = history.stream()
                .filter(d -> d.visibleAt(query.at(), query.asOf()))
                .sorted(Decision.STANDING_ORDER.reversed())
                .toList();

        Map<String, Verdict> verdicts = new HashMap<>();
        List<CategoryAnswer> categories = new ArrayList<>();
        for (CookieCategory category : policy.categories()) {
            Verdict verdict = decide(category, policy, visible, byVersion, query);
            verdicts.put(category.id(), verdict);
            categories.add(new CategoryAnswer(category.id(), verdict.status, verdict.decidedBy(),
                    verdict.policyVersion()));
        }
        List<CookieAnswer> cookies = policy.cookies().stream()
                .map(cookie -> judge(cookie, verdicts.get(cookie.category())))
                .toList();
        List<String> reasons = askReasons(policy, visible, verdicts, cookies, query, renewBefore).stream()
                .map(AskReason::label).toList();
        return new ConsentAnswer(query.siteId(), query.visitorId(), query.at(), query.asOf(), policy.version(),
                categories, cookies, basis, !reasons.isEmpty(), reasons, renewBefore);
    }

    /** Why a banner should ask again, each reason once, in the order of {@link AskReason}. */
    private static Set<AskReason> askReasons(CookiePolicy inForce, List<Decision> newestFirst,
                                             Map<String, Verdict> verdicts, List<CookieAnswer> cookies,
                                             ConsentAt query, Duration renewBefore) {
        Set<AskReason> reasons = EnumSet.noneOf(AskReason.class);
        boolean anyToAsk = inForce.categories().stream().anyMatch(CookieCategory::consentRequired);
        if (newestFirst.isEmpty()) {
            if (anyToAsk) {
                reasons.add(AskReason.NEVER_ASKED);
            }
            return reasons;
        }
        for (Verdict verdict : verdicts.values()) {
            switch (verdict.status) {
                case NOT_ASKED -> reasons.add(AskReason.NEW_CATEGORIES);
                case EXPIRED -> reasons.add(AskReason.CONSENT_EXPIRED);
                case GRANTED -> {
                    Duration age = Duration.between(verdict.decision.occurredAt(), query.at());
                    if (!renewBefore.isZero() && !renewBefore.isNegative()
                            && age.compareTo(verdict.policy.consentMaxAge().minus(renewBefore)) > 0) {
                        reasons.add(AskReason.EXPIRES_SOON);
                    }
                }
                // A GPC denial is not remembered but sent again by the browser with every visit.
                case DENIED, WITHDRAWN -> {
                    Duration remembered = verdict.policy.refusalMaxAge();
                    if (remembered != null && Duration.between(verdict.decision.occurredAt(), query.at())
                            .compareTo(remembered) > 0) {
                        reasons.add(AskReason.REFUSAL_EXPIRED);
                    }
                }
                default -> {
                }
            }
        }
        if (cookies.stream().anyMatch(c -> c.reason() == ConsentStatus.NOT_IN_CONSENTED_POLICY)) {
            reasons.add(AskReason.NEW_COOKIES);
        }
        Decision last = newestFirst.get(0);
        if (last.noticeId() != null && last.policyVersion() != inForce.version()) {
            reasons.add(AskReason.NOTICE_CHANGED);
        }
        return reasons;
    }

    /**
     * The TC string in force at the query's instants: that of the visitor's last consent sent with one, by the order
     * that decides categories ({@link Decision#STANDING_ORDER}). Withdrawals and consents sent without a string leave
     * it standing: only the CMP that made it can change what it says, with a new string.
     *
     * @param history the visitor's consents with a TC or GPP string (any order, any superset of those visible)
     */
    public static Optional<SignalDecision> tcfAt(ConsentAt query, List<SignalDecision> history) {
        return signalAt(query, history.stream().filter(d -> d.tcf() != null).toList());
    }

    /** As {@link #tcfAt}, for the GPP string in force. */
    public static Optional<SignalDecision> gppAt(ConsentAt query, List<SignalDecision> history) {
        return signalAt(query, history.stream().filter(d -> d.gpp() != null).toList());
    }

    private static Optional<SignalDecision> signalAt(ConsentAt query, List<SignalDecision> history) {
        return history.stream()
                .filter(d -> d.visibleAt(query.at(), query.asOf()))
                .max(Comparator.comparing(SignalDecision::occurredAt).thenComparingLong(SignalDecision::sequence));
    }

    /** The policy versions known at {@code asOf} and the visitor's events visible to the query, as a digest. */
    static AnswerBasis basis(ConsentAt query, List<CookiePolicyPublished> policies, List<Decision> history) {
        List<Integer> versions = policies.stream()
                .filter(p -> !p.recordedAt().isAfter(query.asOf()))
                .map(CookiePolicyPublished::version)
                .distinct()
                .sorted()
                .toList();
        List<Decision> visible = history.stream()
                .filter(d -> d.visibleAt(query.at(), query.asOf()))
                .sorted(Comparator.comparingLong(Decision::sequence))
                .toList();
        StringBuilder lines = new StringBuilder();
        versions.forEach(version -> lines.append("policy ").append(version).append('\n'));
        visible.forEach(decision -> lines.append("event ").append(decision.eventId()).append('\n'));
        return new AnswerBasis(versions, visible.size(),
                EventHash.sha256Hex(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Verdict decide(CookieCategory category, CookiePolicy inForce, List<Decision> newestFirst,
                                  Map<Integer, CookiePolicy> byVersion, ConsentAt query) {
        if (!category.consentRequired()) {
            return new Verdict(ConsentStatus.EXEMPT, null, inForce);
        }
        for (Decision decision : newestFirst) {
            Optional<ConsentStatus> status = decision.statusOf(category.id());
            if (status.isEmpty()) {
                continue;
            }
            CookiePolicy underVersion = byVersion.get(decision.policyVersion());
            if (underVersion == null) {
                // The ledger's rules make this impossible; if the store says otherwise, no answer is evidence.
                throw new IllegalStateException("event %s names policy version %d, which site %s never published"
                        .formatted(decision.eventId(), decision.policyVersion(), query.siteId()));
            }
            if (status.get() == ConsentStatus.GRANTED && expired(decision, underVersion, query)) {
                return new Verdict(ConsentStatus.EXPIRED, decision, underVersion);
            }
            return new Verdict(status.get(), decision, underVersion);
        }
        return new Verdict(ConsentStatus.NOT_ASKED, null, null);
    }

    private static boolean expired(Decision grant, CookiePolicy underVersion, ConsentAt query) {
        Duration age = Duration.between(grant.occurredAt(), query.at());
        return age.compareTo(underVersion.consentMaxAge()) > 0;
    }

    private static CookieAnswer judge(Cookie cookie, Verdict verdict) {
        ConsentStatus reason = verdict.status;
        if (reason == ConsentStatus.GRANTED && !verdict.policy.lists(cookie)) {
            reason = ConsentStatus.NOT_IN_CONSENTED_POLICY;
        }
        return new CookieAnswer(cookie.name(), cookie.provider(), cookie.category(), reason.allows(), reason,
                verdict.decidedBy());
    }

    /** A category's status, the event that decided it and the policy version that event was given under. */
    private record Verdict(ConsentStatus status, Decision decision, CookiePolicy policy) {

        String decidedBy() {
            return decision == null ? null : decision.eventId();
        }

        Integer policyVersion() {
            return policy == null ? null : policy.version();
        }
    }
}
