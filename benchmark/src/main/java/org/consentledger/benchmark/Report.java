package org.consentledger.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The closing table: each figure, what was measured, its target and whether it was met. */
final class Report {

    private record Row(String figure, String measured, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** @param met null when the figure has no target or could not be measured */
    void add(String figure, String measured, String target, Boolean met) {
        rows.add(new Row(figure, measured, target, met));
    }

    void info(String figure, String measured) {
        add(figure, measured, "-", null);
    }

    void print(PrintStream out) {
        String[] header = {"figure", "measured", "target", "met?"};
        int[] width = {header[0].length(), header[1].length(), header[2].length(), 4};
        for (Row r : rows) {
            width[0] = Math.max(width[0], r.figure().length());
            width[1] = Math.max(width[1], r.measured().length());
            width[2] = Math.max(width[2], r.target().length());
        }
        String format = "| %-" + width[0] + "s | %-" + width[1] + "s | %-" + width[2] + "s | %-4s |%n";
        out.printf(format, (Object[]) header);
        out.printf(format, "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]), "----");
        for (Row r : rows) {
            out.printf(format, r.figure(), r.measured(), r.target(), r.met() == null ? "-" : r.met() ? "yes" : "NO");
        }
    }
}
