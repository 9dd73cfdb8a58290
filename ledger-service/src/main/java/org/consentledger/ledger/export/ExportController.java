package org.consentledger.ledger.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Objects;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.web.ClientInstants;
import org.consentledger.ledger.web.Ids;
import org.consentledger.store.events.SiteEventRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every event of a site recorded in a window, for its data protection officer and auditors (audit role), streamed as
 * it is read from the store: the export's size is bounded by the store, not by the service's memory.
 */
@RestController
@Tag(name = "audit")
@RequestMapping("/api/v1/sites/{siteId}/exports")
class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);
    /** Events read per statement: a few hundred kilobytes in memory at most, a statement per 200 events. */
    private static final int PAGE_SIZE = 200;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final SiteEventRows rows;
    private final DataKeys keys;
    private final PublishedPolicies policies;

    ExportController(SiteEventRows rows, DataKeys keys, PublishedPolicies policies) {
        this.rows = rows;
        this.keys = keys;
        this.policies = policies;
    }

    @Operation(summary = "Every event of the site recorded in [from, to), in ledger order, streamed as NDJSON, CSV or "
            + "ISO/IEC TS 27560 consent records (docs/exports.md), personal parts opened or \"erased\"")
    @ApiResponse(responseCode = "200", description = "format=ndjson: one event a line, {eventId, type, stream, "
            + "sequence, hash, recordedAt, ...public part, ...personal part or personal: \"erased\"}; format=csv: a "
            + "header row and one row an event; format=iso27560: one JSON-LD consent record (DPV terms) a line",
            content = {@Content(mediaType = ExportFormat.NDJSON_TYPE),
                    @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = "string"))})
    @GetMapping("/events")
    void siteEvents(@PathVariable String siteId,
                    @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to,
                    @Parameter(description = "ndjson (default), csv or iso27560", schema = @Schema(type = "string",
                            allowableValues = {"ndjson", "csv", "iso27560"}, defaultValue = "ndjson"))
                    @RequestParam(required = false) String format,
                    HttpServletResponse response) throws IOException {
        String site = Ids.site(siteId);
        ExportFormat exported = ExportFormat.of(format);
        SitePages.Window window = new SitePages.Window(instant("from", from), instant("to", to));
        if (window.from() != null && window.to() != null && window.from().isAfter(window.to())) {
            throw LedgerRejection.malformed("from", "from %s is after to %s".formatted(window.from(), window.to()));
        }
        if (!policies.hasSite(site)) {
            throw LedgerRejection.unknownSite(site);
        }
        SitePages pages = new SitePages(rows, keys, site, window, rows.head(), PAGE_SIZE);
        response.setContentType(exported.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(exported.fileName(site)).build().toString());
        // Personal data: kept by no cache on the way.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try {
            OutputStream out = new BufferedOutputStream(response.getOutputStream(), BUFFER_BYTES);
            long written = ExportStream.write(pages, exported.writer(), out);
            out.flush();
            log.info("Exported {} events of site {} recorded from {} to {} as {}", written, site,
                    Objects.toString(window.from(), "the first"), Objects.toString(window.to(), "the last"), exported);
        } catch (IOException clientGone) {
            // Only writing to the client throws this: it closed the connection, nothing is wrong on this side.
            log.info("The export of site {} ended early: {}", site, clientGone.toString());
        } catch (RuntimeException e) {
            // The servlet container logs the failure in full as it cuts the connection.
            log.error("The export of site {} failed part way, the client sees it cut short: {}", site, e.toString());
            throw e;
        }
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant instant = ClientInstants.parse(text);
        if (instant == null) {
            throw LedgerRejection.malformed(name, "'%s' is not a valid %s: %s".formatted(text, name,
                    ClientInstants.FORM));
        }
        return instant;
    }
}
