package org.consentledger.ledger.admin;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.projections.consent.ConsentHistoryProjection;
import org.consentledger.projections.policy.PolicyCatalogProjection;
import org.springframework.stereotype.Component;

/** The read models' processors: where each stands against the event store, and rebuilding them. */
@Component
public class ReadModels {

    static final List<String> PROJECTIONS = List.of(PolicyCatalogProjection.NAME, ConsentHistoryProjection.NAME);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ReadModels(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public Status status() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : position(headToken.position());
        return new Status(head, PROJECTIONS.stream().map(name -> {
            StreamingEventProcessor processor = processor(name);
            long position = processor.processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .mapToLong(ReadModels::position)
                    .min().orElse(-1);
            return new Projection(name, processor.isReplaying(), position);
        }).toList());
    }

    /** Rebuilds every read model from the first event; answers stay the same once they have caught up. */
    public void replay() {
        for (String name : PROJECTIONS) {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
    }

    /**
     * Waits until every read model has handled every event the store held when the wait began.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long target = status().head();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status().projections().stream().allMatch(p -> !p.replaying() && p.position() >= target)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }

    private static long position(OptionalLong position) {
        return position.orElse(-1);
    }

    /** @param head global index of the newest event in the store, -1 when empty */
    public record Status(long head, List<Projection> projections) {
    }

    /** @param position global index of the last event the projection has handled, -1 before the first */
    public record Projection(String name, boolean replaying, long position) {
    }
}
