package org.consentledger.ledger.write;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.store.CommitUnconfirmed;
import org.consentledger.ledger.store.DurableCommits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The one way commands (policies published, consents given and withdrawn) reach the event store: requests queue
 * here and writer threads record whatever has queued up as one transaction (group commit, {@link WriteGroups}),
 * answering each request only after that commit.
 * <p>
 * Why groups: a commit is the expensive part of a small request, so many requests share one. A request waits at
 * most for the groups written before it.
 * <p>
 * Groups append and commit in turn ({@link WriteGroups} says why), while the rest of the work (reading which ids
 * visitors used before, deciding, hashing) can run on several writer threads ({@code ledger.consent.writers}; one by
 * default, as two were slower on two cores: benchmark/MEASUREMENTS.md).
 * <p>
 * A commit must reach the disk before it is acknowledged ({@link DurableCommits}; on H2 that means writing the store
 * and syncing the file), so the writer flushes after each group's commit and answers after the flush. It does not
 * hand the flush to another thread to go on with the next group meanwhile: that kept fewer cores busy and ingested
 * more slowly (benchmark/MEASUREMENTS.md).
 */
public class LedgerWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

    private final Recorder recorder;
    private final Runnable flush;
    private final int maxGroup;
    private final DistributionSummary groupSizes;
    private final Timer groupTimes;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopped;

    private record Request(List<?> commands, CompletableFuture<List<Outcome>> outcomes) {
    }

    /** Records commands in one transaction, each with its own outcome ({@link WriteGroups} does). */
    interface Recorder {
        List<Outcome> record(List<?> commands);
    }

    /**
     * @param maxGroup the most commands recorded in one transaction when requests queue up
     * @param threads  how many groups are prepared at once
     */
    public LedgerWriter(WriteGroups groups, DurableCommits durable, int maxGroup, int threads, MeterRegistry meters) {
        this(groups::record, durable::flush, maxGroup, threads, meters);
    }

    /** @param flush returns once every commit made so far is on disk, or throws */
    LedgerWriter(Recorder recorder, Runnable flush, int maxGroup, int threads, MeterRegistry meters) {
        this.recorder = recorder;
        this.flush = flush;
        this.maxGroup = maxGroup;
        // How well requests share transactions, and whether they wait: what to look at when ingestion is slow.
        this.groupSizes = DistributionSummary.builder("ledger.writer.group.decisions")
                .description("Commands recorded in one transaction by the writer").register(meters);
        this.groupTimes = Timer.builder("ledger.writer.group")
                .description("Time to record one group of decisions, commit included").register(meters);
        Gauge.builder("ledger.writer.queued", queue, BlockingQueue::size)
                .description("Requests waiting for the writer").register(meters);
        for (int i = 1; i <= threads; i++) {
            Thread writer = new Thread(this::run, "ledger-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Records one command and gives its receipt; a refusal is thrown. */
    public <R> R record(Object command, Class<R> receipt) {
        return record(List.of(command)).get(0).receipt(receipt);
    }

    /** Records commands together, each with its own outcome, in the order given. */
    public List<Outcome> record(List<?> commands) {
        Request request = new Request(List.copyOf(commands), new CompletableFuture<>());
        queue.add(request);
        // Checked after queueing: a request that came in as the writer stopped would otherwise wait for ever.
        if (stopped && queue.remove(request)) {
            throw new IllegalStateException("the ledger is shutting down");
        }
        try {
            return request.outcomes().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ledger to record", e);
        }
    }

    /** Requests waiting for a writer (not counting the groups being written). */
    int queued() {
        return queue.size();
    }

    private void run() {
        while (!stopped) {
            try {
                List<Request> group = nextGroup();
                if (!group.isEmpty()) {
                    write(group);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The oldest request and whatever else has queued behind it, up to the group size (a larger request alone); empty
     * when nothing came for a while. One writer at a time takes a group, so each takes whole requests in order.
     */
    private List<Request> nextGroup() throws InterruptedException {
        synchronized (queue) {
            Request first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            List<Request> group = new ArrayList<>();
            group.add(first);
            int size = first.commands().size();
            for (Request next = queue.peek(); next != null && size + next.commands().size() <= maxGroup;
                 next = queue.peek()) {
                Request taken = queue.poll(); // not `next` only if a request left as the ledger stopped
                if (taken == null) {
                    break;
                }
                group.add(taken);
                size += taken.commands().size();
            }
            return group;
        }
    }

    private void write(List<Request> group) {
        Timer.Sample started = Timer.start();
        try {
            List<Outcome> outcomes = recorder.record(group.stream().<Object>flatMap(r -> r.commands().stream()).toList());
            if (outcomes.stream().anyMatch(Outcome::recorded)) {
                flushOrFail(group);
            }
            // Counted before anyone is answered, so that whoever has their answer also finds the group counted.
            started.stop(groupTimes);
            groupSizes.record(outcomes.size());
            int from = 0;
            for (Request request : group) {
                int to = from + request.commands().size();
                request.outcomes().complete(List.copyOf(outcomes.subList(from, to)));
                from = to;
            }
        } catch (CommitUnconfirmed unconfirmed) {
            group.forEach(request -> request.outcomes().completeExceptionally(unconfirmed));
        } catch (Throwable failure) {
            if (group.size() == 1) {
                if (!(failure instanceof LedgerRejection)) {
                    log.warn("Recording {} commands failed", group.get(0).commands().size(), failure);
                }
                group.get(0).outcomes().completeExceptionally(failure);
            } else {
                // The group was rolled back as a whole; one request's fault must not fail the others with it.
                group.forEach(request -> write(List.of(request)));
            }
        }
    }

    private void flushOrFail(List<Request> group) {
        try {
            flush.run();
        } catch (RuntimeException failure) {
            log.error("A committed group of {} requests could not be confirmed on disk; they are answered as failed",
                    group.size(), failure);
            // Not a fault of one request: every request of the group is told its outcome is unknown.
            throw failure instanceof CommitUnconfirmed unconfirmed ? unconfirmed : new CommitUnconfirmed(failure);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        // Not interrupted: an interrupt in the middle of file I/O closes an H2 database's file for good.
        stopped = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread writer : writers) {
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        IllegalStateException stopping = new IllegalStateException("the ledger is shutting down");
        for (Request left = queue.poll(); left != null; left = queue.poll()) {
            left.outcomes().completeExceptionally(stopping);
        }
    }
}
