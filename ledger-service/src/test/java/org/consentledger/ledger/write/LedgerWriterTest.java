package org.consentledger.ledger.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.consentledger.api.consent.Receipt;
import org.consentledger.ledger.store.CommitUnconfirmed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that arrive while a group is being written are written together in the next one, each request gets
 * back exactly its own outcomes, a request whose group fails is not failed by another request's fault, with
 * several writers a slow group does not hold up the requests behind it, and nobody is answered before their
 * commit is on disk.
 */
class LedgerWriterTest {

    private final List<List<?>> groups = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstGroupStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstGroup = new CountDownLatch(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger flushes = new AtomicInteger();
    private final CountDownLatch firstFlushStarted = new CountDownLatch(1);
    /** Holds the first flush until released, when a test sets it; null: flushes return at once. */
    private volatile CountDownLatch releaseFirstFlush;
    private volatile boolean diskFails;
    private LedgerWriter writer;

    @AfterEach
    void stop() throws InterruptedException {
        releaseFirstGroup.countDown();
        if (releaseFirstFlush != null) {
            releaseFirstFlush.countDown();
        }
        writer.destroy();
    }

    /** Stands for the database making its commits durable; counts how often it was asked. */
    private void flush() {
        if (flushes.incrementAndGet() == 1 && releaseFirstFlush != null) {
            firstFlushStarted.countDown();
            await(releaseFirstFlush);
        }
        if (diskFails) {
            throw new IllegalStateException("disk full");
        }
    }

    /** Records each command as a receipt named after it; "bad" faults its whole group, as a database error would. */
    private List<Outcome> record(List<?> commands) {
        groups.add(commands);
        if (groups.size() == 1) {
            firstGroupStarted.countDown();
            await(releaseFirstGroup);
        }
        if (commands.contains("bad")) {
            throw new IllegalStateException("fault while writing");
        }
        return commands.stream().map(c -> Outcome.ofNew(receipt((String) c))).toList();
    }

    @Test
    void requests_that_queue_up_while_a_group_is_written_share_the_next_transaction() throws Exception {
        writer = new LedgerWriter(this::record, this::flush, 1_000, 1, meters);
        CompletableFuture<List<Outcome>> first = CompletableFuture.supplyAsync(() -> writer.record(List.of("a")));
        await(firstGroupStarted);
        List<CompletableFuture<List<Outcome>>> queued = IntStream.range(0, 5)
                .mapToObj(i -> List.of("q" + i + "-1", "q" + i + "-2"))
                .map(commands -> CompletableFuture.supplyAsync(() -> writer.record(commands)))
                .toList();
        waitUntilQueued(queued.size());

        releaseFirstGroup.countDown();

        assertThat(ids(first.get(5, TimeUnit.SECONDS))).containsExactly("a");
        for (int i = 0; i < queued.size(); i++) {
            assertThat(ids(queued.get(i).get(5, TimeUnit.SECONDS))).containsExactly("q" + i + "-1", "q" + i + "-2");
        }
        assertThat(groups).hasSize(2);
        assertThat(groups.get(1)).hasSize(10);
        DistributionSummary sizes = meters.get("ledger.writer.group.decisions").summary();
        assertThat(sizes.count()).as("transactions").isEqualTo(2);
        assertThat(sizes.totalAmount()).as("decisions").isEqualTo(11);
        assertThat(sizes.max()).isEqualTo(10);
    }

    @Test
    void a_group_never_grows_past_its_size_but_a_larger_request_is_written_whole() throws Exception {
        writer = new LedgerWriter(this::record, this::flush, 3, 1, meters);
        CompletableFuture<List<Outcome>> first = CompletableFuture.supplyAsync(() -> writer.record(List.of("a")));
        await(firstGroupStarted);
        CompletableFuture<List<Outcome>> large = CompletableFuture.supplyAsync(
                () -> writer.record(List.of("l1", "l2", "l3", "l4")));
        waitUntilQueued(1);
        CompletableFuture<List<Outcome>> small1 = CompletableFuture.supplyAsync(() -> writer.record(List.of("s1")));
        waitUntilQueued(2);
        CompletableFuture<List<Outcome>> small2 = CompletableFuture.supplyAsync(() -> writer.record(List.of("s2", "s3")));
        waitUntilQueued(3);

        releaseFirstGroup.countDown();

        assertThat(ids(large.get(5, TimeUnit.SECONDS))).containsExactly("l1", "l2", "l3", "l4");
        assertThat(ids(small1.get(5, TimeUnit.SECONDS))).containsExactly("s1");
        assertThat(ids(small2.get(5, TimeUnit.SECONDS))).containsExactly("s2", "s3");
        first.get(5, TimeUnit.SECONDS);
        assertThat(groups).extracting(List::size).containsExactly(1, 4, 3);
    }

    @Test
    void a_fault_in_one_request_fails_that_request_alone() throws Exception {
        writer = new LedgerWriter(this::record, this::flush, 1_000, 1, meters);
        CompletableFuture<List<Outcome>> first = CompletableFuture.supplyAsync(() -> writer.record(List.of("a")));
        await(firstGroupStarted);
        CompletableFuture<List<Outcome>> good1 = CompletableFuture.supplyAsync(() -> writer.record(List.of("g1")));
        waitUntilQueued(1);
        CompletableFuture<List<Outcome>> bad = CompletableFuture.supplyAsync(() -> writer.record(List.of("bad")));
        waitUntilQueued(2);
        CompletableFuture<List<Outcome>> good2 = CompletableFuture.supplyAsync(() -> writer.record(List.of("g2")));
        waitUntilQueued(3);

        releaseFirstGroup.countDown();

        first.get(5, TimeUnit.SECONDS);
        assertThat(ids(good1.get(5, TimeUnit.SECONDS))).containsExactly("g1");
        assertThat(ids(good2.get(5, TimeUnit.SECONDS))).containsExactly("g2");
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("fault while writing");
    }

    @Test
    void a_second_writer_records_the_next_group_while_the_first_is_still_writing() throws Exception {
        writer = new LedgerWriter(this::record, this::flush, 1_000, 2, meters);
        CompletableFuture<List<Outcome>> first = CompletableFuture.supplyAsync(() -> writer.record(List.of("a")));
        await(firstGroupStarted);

        List<Outcome> second = CompletableFuture.supplyAsync(() -> writer.record(List.of("b1", "b2")))
                .get(5, TimeUnit.SECONDS);

        assertThat(ids(second)).containsExactly("b1", "b2");
        assertThat(first).as("the first group, still held").isNotDone();
        releaseFirstGroup.countDown();
        assertThat(ids(first.get(5, TimeUnit.SECONDS))).containsExactly("a");
    }

    @Test
    void a_request_is_answered_only_once_its_commit_is_on_disk() throws Exception {
        releaseFirstFlush = new CountDownLatch(1);
        writer = new LedgerWriter(this::record, this::flush, 1_000, 1, meters);
        releaseFirstGroup.countDown();
        CompletableFuture<List<Outcome>> first = CompletableFuture.supplyAsync(() -> writer.record(List.of("a")));
        await(firstFlushStarted);

        assertThat(groups).as("committed").hasSize(1);
        assertThat(first).as("not answered while its commit is not on disk").isNotDone();
        releaseFirstFlush.countDown();
        assertThat(ids(first.get(5, TimeUnit.SECONDS))).containsExactly("a");
    }

    @Test
    void when_the_disk_does_not_confirm_the_requests_fail_and_say_to_send_again() throws Exception {
        diskFails = true;
        writer = new LedgerWriter(this::record, this::flush, 1_000, 1, meters);
        releaseFirstGroup.countDown();

        CompletableFuture<List<Outcome>> request = CompletableFuture.supplyAsync(() -> writer.record(List.of("a")));

        assertThatThrownBy(() -> request.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CommitUnconfirmed.class)
                .hasMessageContaining("the outcome is unknown; send the same request again (same id)")
                .hasRootCauseMessage("disk full");
    }

    private void waitUntilQueued(int requests) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writer.queued() < requests) {
            assertThat(System.nanoTime()).as("requests queued in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static List<String> ids(List<Outcome> outcomes) {
        return outcomes.stream().map(o -> o.receipt(Receipt.class).eventId()).toList();
    }

    private static Receipt receipt(String id) {
        return new Receipt(id, "ConsentGiven", "site", "visitor", id, Instant.EPOCH, Instant.EPOCH, false);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
