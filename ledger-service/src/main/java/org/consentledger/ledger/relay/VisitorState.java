package org.consentledger.ledger.relay;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.verifier.Decision;

/**
 * A visitor's latest decision per category, as the compacted {@code consent-state} topic carries it, under the
 * visitor's pseudonymous key ({@code subject}, the stream's name after the site): for each
 * category the last event by {@code occurredAt} (record order breaking ties) that touched it, among the events the
 * ledger had recorded up to {@code lastEventId}. Expiry depends on when one asks, so grants carry {@code expiresAt}
 * and consumers apply it.
 */
record VisitorState(String siteId, String subject, String lastEventId, long sequence, Instant recordedAt,
                    List<CategoryState> categories) {

    record CategoryState(String id, ConsentStatus status, String decidedBy, Instant occurredAt, int policyVersion,
                         Instant expiresAt) {
    }

    /**
     * @param history  the visitor's events up to and including the latest, in any order
     * @param policies the site's published versions by number
     */
    static VisitorState fold(String siteId, String subject, List<Decision> history, IntFunction<CookiePolicy> policies) {
        return fold(siteId, subject, List.of(), history, policies);
    }

    /**
     * @param formatOne the visitor's events of evidence format 1, in a stream of their own recorded before
     *                  {@code history}, in any order
     */
    static VisitorState fold(String siteId, String subject, List<Decision> formatOne, List<Decision> history,
                             IntFunction<CookiePolicy> policies) {
        VisitorState state = new VisitorState(siteId, subject, null, -1, null, List.of());
        for (List<Decision> stream : List.of(formatOne, history)) {
            for (Decision decision : stream.stream().sorted(Comparator.comparingLong(Decision::sequence)).toList()) {
                state = state.then(decision, policies.apply(decision.policyVersion()));
            }
        }
        return state;
    }

    /**
     * The state once the visitor's next recorded event is added: it decides each category it touches unless the
     * event that decided it so far occurred later ({@link Decision#STANDING_ORDER}; this one arrived late).
     */
    VisitorState then(Decision decision, CookiePolicy policy) {
        Map<String, CategoryState> states = new TreeMap<>();
        categories.forEach(c -> states.put(c.id(), c));
        for (String category : touched(decision, policy)) {
            CategoryState current = states.get(category);
            if (current != null && !decision.standsOver(current.occurredAt())) {
                continue;
            }
            ConsentStatus status = decision.statusOf(category).orElseThrow();
            Instant expiresAt = status == ConsentStatus.GRANTED
                    ? decision.occurredAt().plus(policy.consentMaxAge()) : null;
            states.put(category, new CategoryState(category, status, decision.eventId(), decision.occurredAt(),
                    decision.policyVersion(), expiresAt));
        }
        return new VisitorState(siteId, subject, decision.eventId(), decision.sequence(), decision.recordedAt(),
                List.copyOf(states.values()));
    }

    /** The categories an event decides; a withdrawal of everything decides each one its version asked consent for. */
    private static List<String> touched(Decision decision, CookiePolicy policy) {
        if (decision.kind() == Decision.Kind.WITHDRAWN && decision.withdrawn().isEmpty()) {
            return policy.categories().stream().filter(CookieCategory::consentRequired).map(CookieCategory::id).toList();
        }
        return decision.kind() == Decision.Kind.WITHDRAWN ? decision.withdrawn()
                : java.util.stream.Stream.of(decision.granted(), decision.denied(), decision.optedOut())
                        .flatMap(List::stream).toList();
    }
}
