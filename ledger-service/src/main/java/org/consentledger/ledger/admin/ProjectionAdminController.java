package org.consentledger.ledger.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilding read models from the event store, and watching them catch up (admin role). */
@RestController
@Tag(name = "admin")
@RequestMapping("/api/v1/admin/projections")
class ProjectionAdminController {

    private final ReadModels readModels;
    private final ParkedEvents parkedEvents;

    ProjectionAdminController(ReadModels readModels, ParkedEvents parkedEvents) {
        this.readModels = readModels;
        this.parkedEvents = parkedEvents;
    }

    @Operation(summary = "Each projection's position in the event store's global order, and the store's head")
    @GetMapping
    ReadModels.Status status() {
        return readModels.status();
    }

    @Operation(summary = "Rebuild every read model from the start of the event store; answers stay the same")
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReadModels.Status replay() {
        readModels.replay();
        return readModels.status();
    }

    @Operation(summary = "The streams whose events the read models could not apply, with the cause of each")
    @GetMapping("/parked")
    ParkedEvents.Parked parked() {
        return parkedEvents.parked();
    }

    @Operation(summary = "Apply the parked events again once their cause is fixed: every parked stream, or the one named")
    @PostMapping("/parked/retry")
    ParkedEvents.Retried retry(
            @Parameter(description = "the stream to retry (a site id, or site/visitor); every parked stream when absent")
            @RequestParam(required = false) @Size(min = 1, max = 512) String stream) {
        return parkedEvents.retry(stream);
    }
}
