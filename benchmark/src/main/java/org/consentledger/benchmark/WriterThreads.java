package org.consentledger.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/**
 * Where the service's consent writers spent their time, from Linux's per-thread scheduler counters
 * ({@code /proc/<pid>/task/<tid>/schedstat}: nanoseconds on a core, nanoseconds runnable but waiting for one). The
 * writer is the one thread every decision passes through; whether it is held back by its own work, by the other
 * threads and processes taking the cores, or by waiting on the database decides what would make it faster.
 *
 * @param onCore         nanoseconds the writer threads ran, summed
 * @param waitingForCore nanoseconds they were ready to run but every core was taken, summed
 * @param threads        how many writer threads there are
 */
record WriterThreads(long onCore, long waitingForCore, int threads) {

    /** The writer threads' names; builds before the one write path named them after consents. */
    private static final List<String> NAMES = List.of("ledger-writer-", "consent-writer-");

    /** The writers' counters now; zeros where {@code /proc} cannot be read (not Linux, or the process is gone). */
    static WriterThreads of(long pid) {
        long onCore = 0;
        long waiting = 0;
        int threads = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                long[] counters = counters(task);
                if (counters != null) {
                    onCore += counters[0];
                    waiting += counters[1];
                    threads++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return new WriterThreads(0, 0, 0);
        }
        return new WriterThreads(onCore, waiting, threads);
    }

    /** A writer thread's two counters; null for any other thread or one that ended meanwhile. */
    static long[] counters(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            if (NAMES.stream().noneMatch(name::startsWith)) {
                return null;
            }
            String[] fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
            return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The shares of {@code elapsed} a writer spent on a core, waiting for one, and neither, since {@code before}
     * (averaged over the writers).
     */
    String describeSince(WriterThreads before, Duration elapsed) {
        double span = (double) elapsed.toNanos() * threads;
        if (span <= 0 || onCore == before.onCore) {
            return "writer threads: no scheduler counters (not Linux?)";
        }
        double running = (onCore - before.onCore) / span;
        double waiting = (waitingForCore - before.waitingForCore) / span;
        return ("writer threads: on a core %.0f%% of the phase, waiting for a core %.0f%%, "
                + "neither (the database, locks, an empty queue) %.0f%%")
                .formatted(running * 100, waiting * 100, Math.max(0, 1 - running - waiting) * 100);
    }
}
