package org.consentledger.ledger.store;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.support.Waiting;
import org.springframework.stereotype.Component;

/** Where the event store's head is, and how far each streaming processor has come, in the store's global order. */
@Component
public class StreamPositions {

    /** How long a replay waits for the processor's workers; with several instances another may hold the segment. */
    private static final Duration WORKERS_STARTING = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final EntityManagerProvider entityManagers;
    private final Serializer serializer;

    StreamPositions(EventProcessingConfiguration processing, EventStore eventStore,
                    EntityManagerProvider entityManagers, Serializer serializer) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.entityManagers = entityManagers;
        this.serializer = serializer;
    }

    /** Global index of the newest event in the store; -1 when it is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : orMinusOne(head.position());
    }

    /**
     * Global index of the last event the processor has handled in every segment, on whichever instance it runs;
     * -1 before the first.
     */
    public long position(String processorName) {
        return storedTokens(processorName).stream()
                .mapToLong(token -> token == null ? -1 : orMinusOne(token.position()))
                .min().orElse(-1);
    }

    /**
     * Whether the processor is handling events again from the first, on whichever instance it runs, and has not yet
     * reached the event that was the newest when the replay began. (Axon keeps a segment's replay token until an
     * event newer than that arrives, so the token alone would say "replaying" for ever on an idle ledger.)
     */
    public boolean replaying(String processorName) {
        return storedTokens(processorName).stream().anyMatch(token -> token instanceof ReplayToken replay
                && orMinusOne(replay.position()) < orMinusOne(replay.getTokenAtReset().position()));
    }

    /**
     * The processor's tokens as stored, one per segment (null for a segment that has not handled an event yet).
     * Read from the token store rather than from the processor, because with several instances the processor may
     * run on another one: this instance's own processor then reports nothing, and an instance waiting on it for
     * readiness would wait for ever for read models that are up to date.
     */
    private List<TrackingToken> storedTokens(String processorName) {
        return entityManagers.getEntityManager()
                .createQuery("SELECT t FROM TokenEntry t WHERE t.processorName = :name", TokenEntry.class)
                .setParameter("name", processorName)
                .getResultList().stream()
                .map(entry -> entry.getToken(serializer))
                .toList();
    }

    public StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }

    /** Handles every event again from the first: the processor's handlers must be able to take that. */
    public void replay(String processorName) {
        replay(processorName, () -> { });
    }

    /**
     * As {@link #replay(String)}.
     *
     * @param afterReset runs once the reset has committed, before the processor starts again
     */
    public synchronized void replay(String processorName, Runnable afterReset) {
        StreamingEventProcessor processor = processor(processorName);
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (UnableToClaimTokenException claimed) {
            // Not left stopped: the read models go on as they were, and the replay can be asked for again.
            processor.start();
            throw new LedgerRejection(LedgerRejection.Kind.UNAVAILABLE, null, "the read models' processor is still "
                    + "claimed by another instance, or by one that stopped without releasing it; ask again in a few "
                    + "seconds");
        }
        List<TrackingToken> atReset = storedTokens(processorName);
        afterReset.run();
        processor.start();
        awaitWorkers(processorName, atReset);
    }

    /**
     * Waits until the processor has handled an event since its reset, which its stored token shows (or the store
     * holds none). Axon's tracking processor shut down while it is still launching its worker frees the segment and
     * never launches it again on later starts: a replay asked for right after another left the read models stopped
     * until a restart. A worker that has stored a token is past its launch.
     */
    private void awaitWorkers(String processorName, List<TrackingToken> atReset) {
        Waiting.until(() -> !storedTokens(processorName).equals(atReset) || head() < 0, WORKERS_STARTING);
    }

    private static long orMinusOne(OptionalLong position) {
        return position.orElse(-1);
    }
}
