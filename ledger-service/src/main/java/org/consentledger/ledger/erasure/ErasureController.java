package org.consentledger.ledger.erasure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.consentledger.api.erasure.EraseSubject;
import org.consentledger.api.erasure.ErasureReceipt;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.write.LedgerWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a visitor is forgotten (erase role): GDPR art. 17 requests, and the retention job's erasures. */
@RestController
@Tag(name = "erase")
@RequestMapping("/api/v1/sites/{siteId}/visitors/{visitorId}")
class ErasureController {

    private final LedgerWriter writer;

    ErasureController(LedgerWriter writer) {
        this.writer = writer;
    }

    /**
     * @param reason      {@code art17-request}, {@code retention} or {@code other}
     * @param requestedAt when the visitor (or the operator's rule) asked for it
     */
    record ErasureRequest(
            @NotBlank @Size(min = 1, max = 128) String erasureId,
            @NotBlank @Size(max = 32) String reason,
            Instant requestedAt) {

        EraseSubject command(String siteId, String visitorId) {
            return new EraseSubject(siteId, visitorId, erasureId, reason, requestedAt);
        }
    }

    @Operation(summary = "Erase the visitor: destroy the key of their personal data and record the erasure. The "
            + "events keep their public parts and every proof holds; the same erasureId again answers the same receipt")
    @ApiResponse(responseCode = "202", useReturnTypeSchema = true,
            description = "Erased (replayed: true when this erasureId was recorded before with the same content)")
    @PostMapping("/erasure")
    ResponseEntity<ErasureReceipt> erase(@PathVariable String siteId, @PathVariable String visitorId,
                                         @Valid @RequestBody ErasureRequest body) {
        ErasureReceipt receipt = writer.record(body.command(Ids.site(siteId), Ids.visitor(visitorId)),
                ErasureReceipt.class);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(receipt);
    }
}
