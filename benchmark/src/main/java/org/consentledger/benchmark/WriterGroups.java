package org.consentledger.benchmark;

import java.io.IOException;

/**
 * The service's writer counters ({@code ledger_writer_group_decisions}): how many transactions it wrote and how many
 * decisions they held, so a phase can tell whether requests shared commits or each paid for its own.
 */
record WriterGroups(double transactions, double decisions, double seconds) {

    static WriterGroups scrape(LedgerClient client) throws IOException, InterruptedException {
        String text = client.prometheus();
        return new WriterGroups(PrometheusText.sum(text, "ledger_writer_group_decisions_count", null, null),
                PrometheusText.sum(text, "ledger_writer_group_decisions_sum", null, null),
                PrometheusText.sum(text, "ledger_writer_group_seconds_sum", null, null));
    }

    /** What the writer did between {@code before} and this scrape, {@code elapsed} seconds apart. */
    String since(WriterGroups before, double elapsed) {
        double transactions = this.transactions - before.transactions;
        double decisions = this.decisions - before.decisions;
        double seconds = this.seconds - before.seconds;
        // Busy is summed over the writer threads: 200% means two writers busy the whole phase.
        return "writers: %,.0f transactions, %.1f decisions each on average, %.1f ms each, busy %.0f%% of the phase"
                .formatted(transactions, transactions == 0 ? 0 : decisions / transactions,
                        transactions == 0 ? 0 : seconds * 1000 / transactions, 100 * seconds / elapsed);
    }
}
