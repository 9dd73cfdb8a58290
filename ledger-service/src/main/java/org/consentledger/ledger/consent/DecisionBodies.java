package org.consentledger.ledger.consent;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.web.WellFormedText;
import org.springframework.stereotype.Component;

/**
 * One decision of a body that may hold several (a batch) or that a browser sent (the collection endpoint), checked
 * as the single endpoints check theirs and refused against the decision's own path, such as
 * {@code decisions[3].consent.granted[0]}.
 */
@Component
public class DecisionBodies {

    /** Exactly one of {@code consent} and {@code withdrawal}, with the single endpoints' bodies. */
    public record Decision(String visitorId, ConsentRequest consent, WithdrawalRequest withdrawal) {
    }

    private final Validator validator;

    DecisionBodies(Validator validator) {
        this.validator = validator;
    }

    /**
     * @param at      where the decision is in the body, such as {@code decisions[3]}; empty when it is the body
     * @param browser what the ledger saw of the browser that sent it; null when a back end did
     * @return the command the decision asks for
     */
    public Object command(String site, Decision decision, String at, BrowserCapture browser) {
        if (decision == null || (decision.consent() == null) == (decision.withdrawal() == null)) {
            throw LedgerRejection.malformed(at.isEmpty() ? "consent" : at,
                    "a decision holds exactly one of 'consent' and 'withdrawal'");
        }
        WellFormedText.check(decision, at);
        if (decision.visitorId() == null) {
            throw LedgerRejection.malformed(member(at, "visitorId"), "visitorId must not be null");
        }
        String visitor = visitor(decision.visitorId(), at);
        String body = member(at, decision.consent() != null ? "consent" : "withdrawal");
        try {
            if (decision.consent() != null) {
                ConsentRequest consent = valid(decision.consent(), body);
                // A back end's own request headers say nothing of a visitor's browser.
                return browser == null ? consent.command(site, visitor, false)
                        : consent.command(site, visitor, browser);
            }
            WithdrawalRequest withdrawal = valid(decision.withdrawal(), body);
            return browser == null ? withdrawal.command(site, visitor) : withdrawal.command(site, visitor, browser);
        } catch (LedgerRejection refused) {
            if (refused.field() != null && refused.field().startsWith(body)) {
                throw refused;
            }
            throw new LedgerRejection(refused.kind(), body + "." + refused.field(), refused.getMessage());
        }
    }

    /** A rule names a field of the command; the client needs it under the decision it sent. */
    public static LedgerRejection atDecision(LedgerRejection rejection, Decision decision, String at) {
        String body = member(at, decision.consent() != null ? "consent" : "withdrawal");
        String field = rejection.field() == null ? (at.isEmpty() ? null : at)
                : rejection.field().equals("siteId") ? "siteId"
                : body + "." + rejection.field();
        return new LedgerRejection(rejection.kind(), field, rejection.getMessage());
    }

    private static String member(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    private static String visitor(String visitorId, String at) {
        try {
            return Ids.visitor(visitorId);
        } catch (LedgerRejection malformed) {
            throw LedgerRejection.malformed(member(at, "visitorId"), malformed.getMessage());
        }
    }

    /** The same checks as the single endpoints' bodies, reported against the decision's own path. */
    private <T> T valid(T request, String at) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<ConstraintViolation<T>> sorted = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
        String first = at + "." + sorted.get(0).getPropertyPath();
        throw LedgerRejection.malformed(first, sorted.stream()
                .map(v -> at + "." + v.getPropertyPath() + " " + v.getMessage())
                .collect(Collectors.joining("; ")));
    }
}
