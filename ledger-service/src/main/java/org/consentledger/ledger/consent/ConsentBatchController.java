package org.consentledger.ledger.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.consentledger.api.consent.Receipt;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.ledger.write.Outcome;
import org.consentledger.ledger.consent.ConsentController.ConsentRequest;
import org.consentledger.ledger.consent.ConsentController.WithdrawalRequest;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.web.ProblemResponses;
import org.consentledger.ledger.web.WellFormedText;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many visitors' decisions in one request, for consent-management platforms importing their logs and back ends
 * that buffer: each decision gets its own result, as the single endpoints would have answered it.
 */
@RestController
@Tag(name = "ingest")
class ConsentBatchController {

    static final int MAX_DECISIONS = 1_000;

    private final LedgerWriter writer;
    private final Validator validator;

    ConsentBatchController(LedgerWriter writer, Validator validator) {
        this.writer = writer;
        this.validator = validator;
    }

    record BatchRequest(@NotNull @Size(min = 1, max = MAX_DECISIONS) List<Decision> decisions)
            implements WellFormedText.Separately {
    }

    /** Exactly one of {@code consent} and {@code withdrawal}, with the single endpoints' bodies. */
    record Decision(String visitorId, ConsentRequest consent, WithdrawalRequest withdrawal) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DecisionResult(int status, Receipt receipt, ProblemDetail problem) {
    }

    record BatchResponse(int recorded, int replayed, int refused, List<DecisionResult> results) {
    }

    @Operation(summary = "Record up to 1,000 decisions of a site's visitors in one transaction; results in request "
            + "order, each with the status the single endpoint would have answered (201, 200 or a problem)")
    @PostMapping("/api/v1/sites/{siteId}/consents:batch")
    BatchResponse record(@PathVariable String siteId, @Valid @RequestBody BatchRequest body) {
        String site = Ids.site(siteId);
        List<DecisionResult> results = new ArrayList<>(body.decisions().size());
        List<Object> commands = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < body.decisions().size(); i++) {
            try {
                commands.add(command(site, body.decisions().get(i), "decisions[" + i + "]"));
                positions.add(i);
                results.add(null);
            } catch (LedgerRejection refused) {
                results.add(refusal(refused));
            }
        }
        List<Outcome> outcomes = commands.isEmpty() ? List.of() : writer.record(commands);
        for (int j = 0; j < outcomes.size(); j++) {
            Outcome outcome = outcomes.get(j);
            int i = positions.get(j);
            results.set(i, outcome.rejection() != null
                    ? refusal(atDecision(outcome.rejection(), body.decisions().get(i), i))
                    : new DecisionResult(outcome.recorded() ? 201 : 200, outcome.receipt(Receipt.class), null));
        }
        return new BatchResponse(
                count(results, 201), count(results, 200), results.size() - count(results, 201) - count(results, 200),
                results);
    }

    private Object command(String site, Decision decision, String at) {
        if (decision == null || (decision.consent() == null) == (decision.withdrawal() == null)) {
            throw LedgerRejection.malformed(at, "a decision holds exactly one of 'consent' and 'withdrawal'");
        }
        WellFormedText.check(decision, at);
        if (decision.visitorId() == null) {
            throw LedgerRejection.malformed(at + ".visitorId", "visitorId must not be null");
        }
        String visitor = visitor(decision.visitorId(), at);
        String body = at + (decision.consent() != null ? ".consent" : ".withdrawal");
        try {
            return decision.consent() != null
                    // A batch comes from a back end, whose own request headers say nothing of a visitor's browser.
                    ? valid(decision.consent(), body).command(site, visitor, false)
                    : valid(decision.withdrawal(), body).command(site, visitor);
        } catch (LedgerRejection refused) {
            if (refused.field() != null && refused.field().startsWith(body)) {
                throw refused;
            }
            throw new LedgerRejection(refused.kind(), body + "." + refused.field(), refused.getMessage());
        }
    }

    private static String visitor(String visitorId, String at) {
        try {
            return Ids.visitor(visitorId);
        } catch (LedgerRejection malformed) {
            throw LedgerRejection.malformed(at + ".visitorId", malformed.getMessage());
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

    /** A rule names a field of the command; in a batch the client needs it under the decision it sent. */
    private static LedgerRejection atDecision(LedgerRejection rejection, Decision decision, int index) {
        String body = "decisions[" + index + "]." + (decision.consent() != null ? "consent" : "withdrawal");
        String field = rejection.field() == null ? "decisions[" + index + "]"
                : rejection.field().equals("siteId") ? "siteId"
                : body + "." + rejection.field();
        return new LedgerRejection(rejection.kind(), field, rejection.getMessage());
    }

    private static DecisionResult refusal(LedgerRejection rejection) {
        ProblemDetail problem = ProblemResponses.problemFor(rejection);
        return new DecisionResult(problem.getStatus(), null, problem);
    }

    private static int count(List<DecisionResult> results, int status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
