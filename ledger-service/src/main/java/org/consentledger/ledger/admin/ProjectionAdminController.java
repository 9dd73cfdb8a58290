package org.consentledger.ledger.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.projections.consent.ConsentHistoryProjection;
import org.consentledger.projections.policy.PolicyCatalogProjection;
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

    static final List<String> PROJECTIONS = List.of(PolicyCatalogProjection.NAME, ConsentHistoryProjection.NAME);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProjectionAdminController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Operation(summary = "Each projection's position in the event store's global order, and the store's head")
    @GetMapping
    Projections status() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : position(headToken.position());
        return new Projections(head, PROJECTIONS.stream().map(name -> {
            StreamingEventProcessor processor = processor(name);
            long position = processor.processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .mapToLong(ProjectionAdminController::position)
                    .min().orElse(-1);
            return new Projection(name, processor.isReplaying(), position);
        }).toList());
    }

    @Operation(summary = "Rebuild every read model from the start of the event store; answers stay the same")
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Projections replay() {
        for (String name : PROJECTIONS) {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        return status();
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }

    private static long position(OptionalLong position) {
        return position.orElse(-1);
    }

    /** @param head global index of the newest event in the store, -1 when empty */
    record Projections(long head, List<Projection> projections) {
    }

    /** @param position global index of the last event the projection has handled, -1 before the first */
    record Projection(String name, boolean replaying, long position) {
    }
}
