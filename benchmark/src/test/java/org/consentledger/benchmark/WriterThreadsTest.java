package org.consentledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterThreadsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRunningAndWaitingTimeOfAWriterThread() throws Exception {
        Path task = task("ledger-writer-1", "7000000000 2500000000 1234");
        assertThat(WriterThreads.counters(task)).containsExactly(7_000_000_000L, 2_500_000_000L);
        // As builds before the one write path named it, so that they can be measured against each other.
        assertThat(WriterThreads.counters(task("consent-writer-1", "1 2 3"))).containsExactly(1L, 2L);
    }

    @Test
    void ignoresOtherThreads() throws Exception {
        assertThat(WriterThreads.counters(task("http-nio-8080-e", "1 2 3"))).isNull();
        assertThat(WriterThreads.counters(dir.resolve("gone"))).isNull();
    }

    @Test
    void splitsThePhaseIntoRunningWaitingForACoreAndNeither() {
        WriterThreads before = new WriterThreads(1_000_000_000L, 500_000_000L, 1);
        WriterThreads after = new WriterThreads(3_000_000_000L, 4_500_000_000L, 1);
        assertThat(after.describeSince(before, Duration.ofSeconds(10))).isEqualTo(
                "writer threads: on a core 20% of the phase, waiting for a core 40%, "
                        + "neither (the database, locks, an empty queue) 40%");
    }

    @Test
    void averagesOverSeveralWriters() {
        WriterThreads before = new WriterThreads(0, 0, 2);
        WriterThreads after = new WriterThreads(10_000_000_000L, 0, 2);
        assertThat(after.describeSince(before, Duration.ofSeconds(10))).startsWith("writer threads: on a core 50%");
    }

    private Path task(String name, String schedstat) throws Exception {
        Path task = Files.createDirectories(dir.resolve(name));
        Files.writeString(task.resolve("comm"), name + "\n");
        Files.writeString(task.resolve("schedstat"), schedstat + "\n");
        return task;
    }
}
