package org.consentledger.ledger.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilding read models from the event store, and watching them catch up (admin role). */
@RestController
@Tag(name = "admin")
@RequestMapping("/api/v1/admin/projections")
class ProjectionAdminController {

    private final ReadModels readModels;

    ProjectionAdminController(ReadModels readModels) {
        this.readModels = readModels;
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
}
