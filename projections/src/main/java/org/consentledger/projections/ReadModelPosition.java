package org.consentledger.projections;

import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.consentledger.store.readmodels.ReadModelPositions;
import org.consentledger.support.PerBatch;

/**
 * Records, in a read model's own transaction, up to which global index it holds every event of the store (table
 * {@code read_model_position}). Handlers report each event's tracking token; the batch writes the furthest position
 * once, just before it commits.
 */
public final class ReadModelPosition {

    private final String readModel;
    private final ReadModelPositions positions;
    /** The furthest position the current batch reported, stored as it commits. */
    private final PerBatch<AtomicLong> furthest;

    public ReadModelPosition(String readModel, ReadModelPositions positions) {
        this(readModel, positions, () -> { });
    }

    /** @param afterCommit runs after each batch that reported a position has committed, outside its transaction */
    public ReadModelPosition(String readModel, ReadModelPositions positions, Runnable afterCommit) {
        this.readModel = readModel;
        this.positions = positions;
        this.furthest = PerBatch.of("position of " + readModel, () -> new AtomicLong(-1))
                .beforeCommit(held -> positions.advance(readModel, held.get()))
                .afterCommit(held -> afterCommit.run());
    }

    /** Called for every event the read model's processor hands over, handled or not. */
    public void reached(TrackingToken token) {
        long position = contiguous(token);
        furthest.current().accumulateAndGet(position, Math::max);
    }

    /** In a reset's transaction: nothing is known to be held until the rebuild reports again. */
    public void forget() {
        positions.forget(readModel);
    }

    /**
     * The global index up to which the token's processor has seen every event: below a gap (an index not yet
     * committed when the processor passed it) it cannot vouch for anything.
     */
    static long contiguous(TrackingToken token) {
        TrackingToken inner = WrappedToken.unwrapLowerBound(token);
        if (inner instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        // Other tokens say nothing about holes: vouch for nothing.
        return -1;
    }
}
