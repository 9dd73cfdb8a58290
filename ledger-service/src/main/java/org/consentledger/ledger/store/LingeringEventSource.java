package org.consentledger.ledger.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the ledger's event processors read it: when a processor has caught up and an event arrives,
 * it waits a little longer ({@code ledger.store.processor-linger}) before taking its batch, so that the commits
 * right behind that one share the batch.
 * <p>
 * Why: a processor that is caught up is woken by every commit. When single consents arrive, the writer commits a
 * few decisions every ten milliseconds or so, and each processor then paid a transaction, a token update and (on
 * H2) pages to write for every few events, a large share of the service's work (benchmark/MEASUREMENTS.md).
 * With a backlog nothing changes: events already waiting are taken at once, up to the processor's batch size.
 */
public class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Duration linger;

    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> store, Duration linger) {
        this.store = store;
        this.linger = linger;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(token);
        return linger.isZero() ? stream : new Lingering(stream, linger.toNanos());
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    private record Lingering(BlockingStream<TrackedEventMessage<?>> stream, long lingerNanos)
            implements BlockingStream<TrackedEventMessage<?>> {

        /** Where a processor waits for its next batch's first event; the rest it takes without waiting. */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (stream.peek().isPresent()) {
                return true;
            }
            boolean arrived = stream.hasNextAvailable(timeout, unit);
            if (arrived) {
                TimeUnit.NANOSECONDS.sleep(lingerNanos);
            }
            return arrived;
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
