package org.consentledger.ledger.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.consentledger.api.consent.Receipt;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.ledger.write.Outcome;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.web.WellFormedText;
import org.consentledger.ledger.web.ProblemResponses;
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
    private final DecisionBodies decisions;

    ConsentBatchController(LedgerWriter writer, DecisionBodies decisions) {
        this.writer = writer;
        this.decisions = decisions;
    }

    record BatchRequest(@NotNull @Size(min = 1, max = MAX_DECISIONS) List<DecisionBodies.Decision> decisions)
            implements WellFormedText.Separately {
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
                commands.add(decisions.command(site, body.decisions().get(i), "decisions[" + i + "]", null));
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
            String at = "decisions[" + i + "]";
            results.set(i, outcome.rejection() != null
                    ? refusal(DecisionBodies.atDecision(outcome.rejection(), body.decisions().get(i), at))
                    : new DecisionResult(outcome.recorded() ? 201 : 200, outcome.receipt(Receipt.class), null));
        }
        return new BatchResponse(
                count(results, 201), count(results, 200), results.size() - count(results, 201) - count(results, 200),
                results);
    }

    private static DecisionResult refusal(LedgerRejection rejection) {
        ProblemDetail problem = ProblemResponses.problemFor(rejection);
        return new DecisionResult(problem.getStatus(), null, problem);
    }

    private static int count(List<DecisionResult> results, int status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
