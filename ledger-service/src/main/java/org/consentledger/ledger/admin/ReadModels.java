package org.consentledger.ledger.admin;

import java.time.Duration;
import java.util.List;
import org.consentledger.ledger.store.StreamPositions;
import org.consentledger.projections.ReadModelProcessor;
import org.consentledger.projections.consent.ConsentHistoryProjection;
import org.consentledger.projections.policy.PolicyCatalogProjection;
import org.consentledger.support.Waiting;
import org.springframework.stereotype.Component;

/** The read models, fed by one processor: where each stands against the event store, and rebuilding them. */
@Component
public class ReadModels {

    static final List<String> READ_MODELS = List.of(PolicyCatalogProjection.NAME, ConsentHistoryProjection.NAME);

    private final StreamPositions positions;
    private final ConsentHistoryProjection consentHistory;

    ReadModels(StreamPositions positions, ConsentHistoryProjection consentHistory) {
        this.positions = positions;
        this.consentHistory = consentHistory;
    }

    public Status status() {
        boolean replaying = positions.replaying(ReadModelProcessor.NAME);
        long position = positions.position(ReadModelProcessor.NAME);
        return new Status(positions.head(), READ_MODELS.stream()
                .map(name -> new Projection(name, replaying || rebuilding(name), position))
                .toList());
    }

    /** Until the consent history has its visitor index again, its replay is not over: it cannot answer. */
    private boolean rebuilding(String name) {
        return name.equals(ConsentHistoryProjection.NAME) && consentHistory.rebuilding();
    }

    /** Rebuilds every read model from the first event; answers stay the same once they have caught up. */
    public void replay() {
        positions.replay(ReadModelProcessor.NAME, consentHistory::finishReset);
    }

    /**
     * Waits until every read model has handled every event the store held when the wait began.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long target = positions.head();
        boolean caughtUp = Waiting.until(
                () -> status().projections().stream().allMatch(p -> !p.replaying() && p.position() >= target), timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException("waiting for the read models to catch up");
        }
        return caughtUp;
    }

    /** @param head global index of the newest event in the store, -1 when empty */
    public record Status(long head, List<Projection> projections) {
    }

    /** @param position global index of the last event the read model has handled, -1 before the first */
    public record Projection(String name, boolean replaying, long position) {
    }
}
