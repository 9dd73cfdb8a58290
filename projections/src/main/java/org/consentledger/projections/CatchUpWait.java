package org.consentledger.projections;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.consentledger.support.Waiting;

/**
 * Asks a read model until it answers whole. Under load a read model is a few hundred milliseconds behind the store,
 * so waiting that long turns most incomplete reads into complete ones; past the wait (a replay of a large ledger
 * takes minutes) the caller is told to come back rather than held.
 */
public final class CatchUpWait {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private CatchUpWait() {
    }

    /**
     * @param attempt an answer, or empty when the read model did not yet hold every event it needs
     * @param behind  what was missing, for the refusal
     * @throws ReadModelBehind when no attempt within {@link #WAIT} was whole
     */
    public static <T> T until(Supplier<Optional<T>> attempt, Supplier<String> behind) {
        return Waiting.forAnswer(attempt, WAIT).orElseThrow(() -> new ReadModelBehind(behind.get()));
    }
}
