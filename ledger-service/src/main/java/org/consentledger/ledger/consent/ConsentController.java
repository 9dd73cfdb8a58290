package org.consentledger.ledger.consent;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.consentledger.api.consent.Receipt;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.write.LedgerWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where banners, apps and back ends submit a visitor's choices (ingest role). */
@RestController
@Tag(name = "ingest")
@RequestMapping("/api/v1/sites/{siteId}/visitors/{visitorId}")
class ConsentController {

    private final LedgerWriter writer;

    ConsentController(LedgerWriter writer) {
        this.writer = writer;
    }

    @Operation(summary = "Record a visitor's choice: 201 recorded, 200 same consentId and content already recorded")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "Recorded before under the same id with the same content: the original receipt, replayed")
    @PostMapping("/consents")
    ResponseEntity<Receipt> give(@PathVariable String siteId, @PathVariable String visitorId,
                                 @RequestHeader(name = GpcHeader.NAME, required = false) String gpc,
                                 @Valid @RequestBody ConsentRequest body) {
        Receipt receipt = writer.record(body.command(Ids.site(siteId), Ids.visitor(visitorId), GpcHeader.on(gpc)),
                Receipt.class);
        return respond(receipt);
    }

    @Operation(summary = "Withdraw consent for the categories listed, or with \"all\": true for every category that requires consent")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "Recorded before under the same id with the same content: the original receipt, replayed")
    @PostMapping("/withdrawals")
    ResponseEntity<Receipt> withdraw(@PathVariable String siteId, @PathVariable String visitorId,
                                     @Valid @RequestBody WithdrawalRequest body) {
        Receipt receipt = writer.record(body.command(Ids.site(siteId), Ids.visitor(visitorId)), Receipt.class);
        return respond(receipt);
    }

    private static ResponseEntity<Receipt> respond(Receipt receipt) {
        return ResponseEntity.status(receipt.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt);
    }
}
