package org.consentledger.ledger.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.web.Ids;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A visitor's right of access (GDPR art. 15): all the ledger holds on them, as JSON or as a page to read. */
@RestController
@Tag(name = "audit")
class VisitorExportController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final VisitorExports exports;
    private final PublishedPolicies policies;

    VisitorExportController(VisitorExports exports, PublishedPolicies policies) {
        this.exports = exports;
        this.policies = policies;
    }

    @Operation(summary = "Everything the ledger holds on the visitor (GDPR art. 15): the answer now, every event with "
            + "its personal part opened or \"erased\", the policy versions and notices they refer to, the erasures")
    @ApiResponse(responseCode = "200", description = "JSON unless format=html or Accept prefers text/html: then one "
            + "self-contained HTML page, without scripts",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = VisitorExport.class)),
                    @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))})
    @GetMapping("/api/v1/sites/{siteId}/visitors/{visitorId}/export")
    ResponseEntity<?> visitorExport(@PathVariable String siteId, @PathVariable String visitorId,
                                    @Parameter(description = "json (default) or html", schema = @Schema(type = "string",
                                            allowableValues = {"json", "html"}))
                                    @RequestParam(required = false) String format,
                                    @Parameter(hidden = true)
                                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        String site = Ids.site(siteId);
        String visitor = Ids.visitor(visitorId);
        boolean html = html(format, accept);
        if (!policies.hasSite(site)) {
            throw LedgerRejection.unknownSite(site);
        }
        VisitorExport export = exports.export(site, visitor);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .header("X-Content-Type-Options", "nosniff");
        if (!html) {
            return answer.contentType(MediaType.APPLICATION_JSON).body(export);
        }
        return answer.contentType(HTML)
                .header("Content-Security-Policy", VisitorPage.CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(VisitorPage.render(export));
    }

    /** The page when asked for by name, or when the client prefers HTML to JSON (a browser); JSON otherwise. */
    static boolean html(String format, String accept) {
        if (format != null && !format.isEmpty()) {
            if (!format.equals("json") && !format.equals("html")) {
                throw LedgerRejection.malformed("format", "'%s' is not a format of the visitor's export: json or html"
                        .formatted(format));
            }
            return format.equals("html");
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(accept);
            return quality(accepted, MediaType.TEXT_HTML) > quality(accepted, MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    /** The quality the most specific accepted range that covers {@code type} gives it; 0 when none does. */
    private static double quality(List<MediaType> accepted, MediaType type) {
        double quality = 0;
        int specificity = -1;
        for (MediaType range : accepted) {
            if (range.includes(type)) {
                int specific = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                if (specific > specificity) {
                    specificity = specific;
                    quality = range.getQualityValue();
                }
            }
        }
        return quality;
    }
}
