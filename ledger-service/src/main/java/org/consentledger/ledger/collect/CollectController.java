package org.consentledger.ledger.collect;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.consentledger.api.consent.Receipt;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.RateLimited;
import org.consentledger.ledger.consent.BrowserCapture;
import org.consentledger.ledger.consent.ConsentRequest;
import org.consentledger.ledger.consent.DecisionBodies;
import org.consentledger.ledger.consent.GpcHeader;
import org.consentledger.ledger.consent.WithdrawalRequest;
import org.consentledger.ledger.write.LedgerWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a visitor's browser records their decision itself, with the site's publishable key, from a page on one of
 * the site's origins ({@link CollectionGate} has checked the origin and the rates). The ledger proves what it
 * received and from where, not that a person clicked: anyone can send what a browser can.
 */
@RestController
@Tag(name = "collect")
class CollectController {

    private final LedgerWriter writer;
    private final DecisionBodies decisions;
    private final JsonMapper json;
    private final RateBuckets visitors;

    CollectController(LedgerWriter writer, DecisionBodies decisions, JsonMapper json,
                      CollectionProperties properties) {
        this.writer = writer;
        this.decisions = decisions;
        this.json = json;
        this.visitors = new RateBuckets(properties.visitorDecisionsPerMinute(),
                properties.visitorDecisionsPerMinute(), Duration.ofMinutes(1), properties.trackedClients());
    }

    /**
     * A batch decision with the site's publishable key: exactly one of {@code consent} and {@code withdrawal}. The
     * address and user agent are the request's own; a body may not claim others.
     */
    record CollectRequest(String key, String visitorId, ConsentRequest consent, WithdrawalRequest withdrawal) {
    }

    @SecurityRequirements
    @Operation(summary = "Record one decision from a visitor's browser: 201 recorded, 200 same id and content already "
            + "recorded. Sent as application/json, or as text/plain so that navigator.sendBeacon needs no preflight; "
            + "no token, but the site's publishable key, from a page on an origin the site allows")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "Recorded before under the same id with the same content: the original receipt, replayed")
    @PostMapping(path = "/api/v1/collect/{siteId}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<Receipt> collect(
            @PathVariable String siteId,
            @Parameter(hidden = true) @RequestAttribute(CollectionGate.SITE) CollectionSite site,
            @RequestHeader(HttpHeaders.ORIGIN) String origin,
            @RequestHeader(name = GpcHeader.NAME, required = false) String gpc,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CollectRequest.class)),
                    @Content(mediaType = MediaType.TEXT_PLAIN_VALUE,
                            schema = @Schema(implementation = CollectRequest.class))})
            @RequestBody byte[] body, @Parameter(hidden = true) HttpServletRequest request) {
        CollectRequest sent = read(body, request);
        site.requireKey(sent.key());
        DecisionBodies.Decision decision = new DecisionBodies.Decision(sent.visitorId(), sent.consent(),
                sent.withdrawal());
        BrowserCapture browser = new BrowserCapture(origin, request.getRemoteAddr(), userAgent,
                GpcHeader.on(gpc));
        Object command = decisions.command(site.siteId(), decision, "", browser);
        Duration wait = visitors.take(site.siteId() + "/" + sent.visitorId());
        if (!wait.isZero()) {
            throw new RateLimited("visitorId", "this visitor has sent more decisions than a person makes "
                    + "(ledger.collect.visitor-decisions-per-minute); try again in %d s"
                    .formatted(RateLimited.seconds(wait)), wait);
        }
        try {
            Receipt receipt = writer.record(command, Receipt.class);
            return ResponseEntity.status(receipt.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt);
        } catch (LedgerRejection refused) {
            throw DecisionBodies.atDecision(refused, decision, "");
        }
    }

    /** Read here rather than by a converter, so that a text/plain body is read as the JSON it is. */
    private CollectRequest read(byte[] body, HttpServletRequest request) {
        try {
            return json.readValue(body, CollectRequest.class);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("the body is not a decision", e,
                    new ServletServerHttpRequest(request));
        }
    }
}
