package org.consentledger.ledger.store;

import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Where the event store's head is, and how far each streaming processor has come, in the store's global order. */
@Component
public class StreamPositions {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    StreamPositions(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Global index of the newest event in the store; -1 when it is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : orMinusOne(head.position());
    }

    /** Global index of the last event the processor has handled in every segment; -1 before the first. */
    public long position(String processorName) {
        return processor(processorName).processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(StreamPositions::orMinusOne)
                .min().orElse(-1);
    }

    public StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }

    /** Handles every event again from the first: the processor's handlers must be able to take that. */
    public void replay(String processorName) {
        StreamingEventProcessor processor = processor(processorName);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private static long orMinusOne(OptionalLong position) {
        return position.orElse(-1);
    }
}
