package org.consentledger.ledger.consent;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.LedgerRejection;
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

    record ConsentRequest(
            @NotBlank @Size(min = 1, max = 128) String consentId,
            @NotNull @Positive Integer policyVersion,
            @NotNull Instant occurredAt,
            @NotNull @Size(max = 64) List<@NotBlank String> granted,
            @NotNull @Size(max = 64) List<@NotBlank String> denied,
            @Size(max = 128) String source,
            @Size(max = 32) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1024) String> evidence,
            @Size(max = 64) String noticeId, @Size(max = 35) String language, @Size(max = 32) String method,
            @Size(max = 32) String surface, @Size(max = 32) String regulation, @Size(max = 2) String country,
            @Size(max = 6) String region, @Size(max = 1024) String pageUrl, @Size(max = 64) String ipAddress,
            @Size(max = 1024) String userAgent, @Size(min = 1, max = 16_384) String tcString,
            @Size(min = 1, max = 16_384) String gppString, Boolean gpc) {

        /** @param gpcHeader whether the request came with {@code Sec-GPC: 1}, as a browser sends it */
        GiveConsent command(String siteId, String visitorId, boolean gpcHeader) {
            return new GiveConsent(siteId, visitorId, consentId, policyVersion, occurredAt, List.copyOf(granted),
                    List.copyOf(denied), source, withPersonalFields(evidence, pageUrl, ipAddress, userAgent),
                    new DecisionContext(noticeId, language, method, surface, regulation, country, region), tcString,
                    gppString, gpcHeader || Boolean.TRUE.equals(gpc));
        }
    }

    /** The Global Privacy Control header: {@code 1} means the signal is on, and nothing else does. */
    static final String GPC_HEADER = "Sec-GPC";

    static boolean gpcSignal(String header) {
        return header != null && header.strip().equals("1");
    }

    /**
     * Withdrawing everything must be said in so many words ({@code "all": true}): a client that leaves out
     * {@code categories}, or sends an empty list it meant to fill, must not revoke every consent the visitor gave.
     */
    record WithdrawalRequest(
            @NotBlank @Size(min = 1, max = 128) String withdrawalId,
            @NotNull Instant occurredAt,
            @Size(max = 64) List<@NotBlank String> categories,
            Boolean all,
            @Size(max = 64) String noticeId, @Size(max = 35) String language, @Size(max = 32) String method,
            @Size(max = 32) String surface, @Size(max = 32) String regulation, @Size(max = 2) String country,
            @Size(max = 6) String region, @Size(max = 1024) String pageUrl, @Size(max = 64) String ipAddress,
            @Size(max = 1024) String userAgent) {

        WithdrawConsent command(String siteId, String visitorId) {
            boolean everything = Boolean.TRUE.equals(all);
            if (everything && categories != null) {
                throw LedgerRejection.malformed("all", "give either \"all\": true or 'categories', not both");
            }
            if (!everything && (categories == null || categories.isEmpty())) {
                throw LedgerRejection.malformed("categories", "categories must list the categories withdrawn; "
                        + "to withdraw every category that requires consent, send \"all\": true instead");
            }
            return new WithdrawConsent(siteId, visitorId, withdrawalId, occurredAt,
                    everything ? List.of() : List.copyOf(categories),
                    withPersonalFields(null, pageUrl, ipAddress, userAgent),
                    new DecisionContext(noticeId, language, method, surface, regulation, country, region));
        }
    }

    /**
     * The page, address and user agent go to the personal part with the rest of the evidence, under their own names;
     * the same name given twice with two values is refused rather than one of them kept.
     */
    static Map<String, String> withPersonalFields(Map<String, String> evidence, String pageUrl, String ipAddress,
                                                  String userAgent) {
        Map<String, String> all = new LinkedHashMap<>(evidence == null ? Map.of() : evidence);
        put(all, ContextRules.PAGE_URL, pageUrl);
        put(all, IpAddresses.KEY, ipAddress);
        put(all, "userAgent", userAgent);
        return Map.copyOf(all);
    }

    private static void put(Map<String, String> evidence, String name, String value) {
        if (value == null) {
            return;
        }
        String given = evidence.putIfAbsent(name, value);
        if (given != null && !given.equals(value)) {
            throw LedgerRejection.invalid(name, "%s is given twice, here and as evidence.%s, with two values"
                    .formatted(name, name));
        }
    }

    @Operation(summary = "Record a visitor's choice: 201 recorded, 200 same consentId and content already recorded")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "Recorded before under the same id with the same content: the original receipt, replayed")
    @PostMapping("/consents")
    ResponseEntity<Receipt> give(@PathVariable String siteId, @PathVariable String visitorId,
                                 @RequestHeader(name = GPC_HEADER, required = false) String gpc,
                                 @Valid @RequestBody ConsentRequest body) {
        Receipt receipt = writer.record(body.command(Ids.site(siteId), Ids.visitor(visitorId), gpcSignal(gpc)),
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
