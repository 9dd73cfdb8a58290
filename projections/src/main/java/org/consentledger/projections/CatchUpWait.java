package org.consentledger.projections;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks a read model until it answers whole. Under load a read model is a few hundred milliseconds behind the store,
 * so waiting that long turns most incomplete reads into complete ones; past the wait (a replay of a large ledger
 * takes minutes) the caller is told to come back rather than held.
 */
public final class CatchUpWait {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long FIRST_POLL_MILLIS = 5;
    /** Pauses double up to this, so that many callers waiting out a replay do not slow it with their reads. */
    private static final long LONGEST_POLL_MILLIS = 100;

    private CatchUpWait() {
    }

    /**
     * @param attempt an answer, or empty when the read model did not yet hold every event it needs
     * @param behind  what was missing, for the refusal
     * @throws ReadModelBehind when no attempt within {@link #WAIT} was whole
     */
    public static <T> T until(Supplier<Optional<T>> attempt, Supplier<String> behind) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ReadModelBehind(behind.get());
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(2 * pause, LONGEST_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadModelBehind(behind.get());
            }
        }
    }
}
