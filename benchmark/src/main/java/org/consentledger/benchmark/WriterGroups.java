package org.consentledger.benchmark;

import java.io.IOException;

/**
 * The service's writer counters ({@code ledger_writer_group_decisions}): how many transactions it wrote and how many
 * decisions they held, so a phase can tell whether requests shared commits or each paid for its own; and, on H2, how
 * often and how long it waited for commits to reach the disk before answering ({@code ledger_store_flush}).
 */
record WriterGroups(double transactions, double decisions, double seconds, double flushes, double flushSeconds) {

    static WriterGroups scrape(LedgerClient client) throws IOException, InterruptedException {
        String text = client.prometheus();
        return new WriterGroups(PrometheusText.sum(text, "ledger_writer_group_decisions_count", null, null),
                PrometheusText.sum(text, "ledger_writer_group_decisions_sum", null, null),
                PrometheusText.sum(text, "ledger_writer_group_seconds_sum", null, null),
                PrometheusText.sum(text, "ledger_store_flush_seconds_count", null, null),
                PrometheusText.sum(text, "ledger_store_flush_seconds_sum", null, null));
    }

    /** What the writer did between {@code before} and this scrape, {@code elapsed} seconds apart. */
    String since(WriterGroups before, double elapsed) {
        double transactions = this.transactions - before.transactions;
        double decisions = this.decisions - before.decisions;
        double seconds = this.seconds - before.seconds;
        double flushes = this.flushes - before.flushes;
        double flushSeconds = this.flushSeconds - before.flushSeconds;
        // Busy is summed over the writer threads: 200% means two writers busy the whole phase.
        String writers = ("writers: %,.0f transactions, %.1f decisions each on average, %.1f ms each, "
                + "busy %.0f%% of the phase").formatted(transactions, transactions == 0 ? 0 : decisions / transactions,
                        transactions == 0 ? 0 : seconds * 1000 / transactions, 100 * seconds / elapsed);
        return flushes == 0 ? writers : writers + "; %,.0f flushes to disk, %.1f ms each"
                .formatted(flushes, flushSeconds * 1000 / flushes);
    }
}
