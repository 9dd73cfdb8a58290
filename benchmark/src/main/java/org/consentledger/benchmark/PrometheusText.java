package org.consentledger.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the series of one metric from Prometheus' text exposition format, as {@code /actuator/prometheus} gives it. */
final class PrometheusText {

    record Series(Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    static List<Series> series(String text, String metric) {
        List<Series> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric)) {
                continue;
            }
            int brace = line.indexOf('{');
            int nameEnd = brace >= 0 ? brace : line.indexOf(' ');
            if (nameEnd != metric.length()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            int valueStart = nameEnd;
            if (brace >= 0) {
                int close = line.lastIndexOf('}');
                parseLabels(line.substring(brace + 1, close), labels);
                valueStart = close + 1;
            }
            String[] rest = line.substring(valueStart).trim().split(" ");
            found.add(new Series(labels, Double.parseDouble(rest[0])));
        }
        return found;
    }

    /** The sum over the metric's series whose label {@code label} is {@code value}, or over all when label is null. */
    static double sum(String text, String metric, String label, String value) {
        return series(text, metric).stream()
                .filter(s -> label == null || value.equals(s.labels().get(label)))
                .mapToDouble(Series::value).sum();
    }

    private static void parseLabels(String text, Map<String, String> labels) {
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            String name = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < text.length() && text.charAt(j) != '"') {
                if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                    j++;
                }
                value.append(text.charAt(j++));
            }
            labels.put(name, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
    }
}
