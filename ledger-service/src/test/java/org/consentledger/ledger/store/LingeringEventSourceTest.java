package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A processor that has caught up takes the commits that follow the first one within the linger in one batch; with
 * events already waiting, or none arriving, it waits no longer than without the linger. On Axon's own embedded
 * store, as the ledger's processors read it.
 */
class LingeringEventSourceTest {

    private static final Duration LINGER = Duration.ofMillis(800);

    /** Looks for new events every 5 ms instead of every second, so that a reader sees each commit as it comes. */
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).fetchDelay(5).build();

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void a_caught_up_processor_takes_the_commits_right_behind_the_first_in_the_same_batch() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, LINGER)
                .openStream(null)) {
            CompletableFuture<Void> commits = CompletableFuture.runAsync(() -> {
                pause(100);
                store.publish(asEventMessage("first"));
                pause(200);
                store.publish(asEventMessage("right behind"));
            });

            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();

            assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
            assertThat(stream.peek().map(m -> (Object) m.getPayload())).contains("right behind");
            commits.join();
        }
    }

    @Test
    void events_already_waiting_are_taken_without_lingering() throws Exception {
        store.publish(asEventMessage("waiting"), asEventMessage("waiting too"));
        try (BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofSeconds(30))
                .openStream(null)) {
            long started = System.nanoTime();

            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("waiting");
        }
    }

    @Test
    void waiting_in_vain_adds_no_linger() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofSeconds(30))
                .openStream(null)) {
            long started = System.nanoTime();

            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void a_negative_linger_is_refused() {
        assertThatThrownBy(() -> new StoreProperties(null, Duration.ofMillis(-1), null, null, null))
                .hasMessageContaining("ledger.store.processor-linger");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
