package org.consentledger.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Asking again until something has caught up (a read model, the Merkle log, a processor after a reset), for at most
 * a given time. Pauses start short, since most waits are over within milliseconds, and double up to a limit, so that
 * many callers waiting out something long do not slow it down with their questions.
 */
public final class Waiting {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private Waiting() {
    }

    /**
     * The first answer {@code attempt} gives, or empty when {@code timeout} passed without one. Interrupted, it
     * stops asking, keeps the thread's interrupt flag set and returns empty.
     */
    public static <T> Optional<T> forAnswer(Supplier<Optional<T>> attempt, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent() || System.nanoTime() - deadline > 0) {
                return answer;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS);
        }
    }

    /** Whether {@code condition} held within {@code timeout}, asked as {@link #forAnswer} asks. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        return forAnswer(() -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), timeout)
                .isPresent();
    }
}
