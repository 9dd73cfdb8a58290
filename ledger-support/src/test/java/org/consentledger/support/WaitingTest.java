package org.consentledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitingTest {

    @Test
    void givesTheFirstAnswerOnceThereIsOne() {
        AtomicInteger asked = new AtomicInteger();
        Optional<String> answer = Waiting.forAnswer(
                () -> asked.incrementAndGet() < 4 ? Optional.empty() : Optional.of("caught up"), Duration.ofMinutes(1));

        assertThat(answer).contains("caught up");
        assertThat(asked).hasValue(4);
    }

    @Test
    void givesUpWhenTheTimeIsOverHavingAskedAgainMeanwhile() {
        AtomicInteger asked = new AtomicInteger();
        boolean held = Waiting.until(() -> asked.incrementAndGet() < 0, Duration.ofMillis(200));

        assertThat(held).isFalse();
        assertThat(asked.get()).isGreaterThan(1);
    }

    @Test
    void anInterruptedWaitStopsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThat(Waiting.until(() -> false, Duration.ofMinutes(1))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
