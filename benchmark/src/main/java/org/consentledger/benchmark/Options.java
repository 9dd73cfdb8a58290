package org.consentledger.benchmark;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of one run, from the command line; every default is what the benchmark's targets are stated for
 * (docs/benchmarks.md).
 */
record Options(
        String database,
        String postgresUrl,
        String kafka,
        long events,
        int visitors,
        int sites,
        long singleEvents,
        int singleClients,
        long collectDecisions,
        int collectClients,
        int collectWarmupSeconds,
        int batchSize,
        int batchClients,
        int steadyRate,
        int steadySeconds,
        int steadyBatch,
        int probeEveryMs,
        int queryClients,
        int queryWarmupSeconds,
        int querySeconds,
        double withdrawals,
        double lateArrivals,
        double duplicates,
        Path serviceJar,
        String heap,
        long seed,
        boolean keep) {

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("database", "h2");
        d.put("postgres-url", "jdbc:postgresql://127.0.0.1:5432/?user=postgres");
        d.put("kafka", "");
        d.put("events", "1000000");
        d.put("visitors", "100000");
        d.put("sites", "20");
        d.put("single-events", "50000");
        d.put("single-clients", "16");
        // Browsers at the public collection endpoint: one decision a request, many keep-alive connections.
        d.put("collect-decisions", "30000");
        d.put("collect-clients", "64");
        // The most the unmeasured warm-up before them may take; it ends sooner once the service's compiler is quiet.
        d.put("collect-warmup-seconds", "300");
        d.put("batch-size", "1000");
        d.put("batch-clients", "4");
        d.put("steady-rate", "5000");
        d.put("steady-seconds", "30");
        d.put("steady-batch", "50");
        d.put("probe-every-ms", "200");
        d.put("query-clients", "4");
        // Long enough for the JIT compiler to finish with the query path: after 10 s it was still compiling (C2 at
        // 0.6 of a core), and the p99 measured then (24 ms at 300k events) was the compiler's, not the queries'.
        d.put("query-warmup-seconds", "60");
        d.put("query-seconds", "30");
        d.put("withdrawals", "0.15");
        d.put("late-arrivals", "0.10");
        d.put("duplicates", "0.005");
        d.put("service-jar", "ledger-service/target/ledger-service-0.1.0-SNAPSHOT.jar");
        d.put("heap", "512m");
        d.put("seed", "42");
        d.put("keep", "false");
        // Insertion order, so the usage lists options in the order they are described.
        return Collections.unmodifiableMap(d);
    }

    static Options parse(String... args) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !DEFAULTS.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
            }
            String name = arg.substring(2);
            if (name.equals("keep")) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + usage());
            }
        }
        String database = values.get("database");
        if (!database.equals("h2") && !database.equals("postgres")) {
            throw new IllegalArgumentException("--database is h2 or postgres, not " + database);
        }
        Options o = new Options(database, values.get("postgres-url"), values.get("kafka").isBlank() ? null : values.get("kafka"),
                positiveLong(values, "events"), positiveInt(values, "visitors"), positiveInt(values, "sites"),
                Long.parseLong(values.get("single-events")), positiveInt(values, "single-clients"),
                Long.parseLong(values.get("collect-decisions")), positiveInt(values, "collect-clients"),
                Integer.parseInt(values.get("collect-warmup-seconds")),
                positiveInt(values, "batch-size"), positiveInt(values, "batch-clients"),
                positiveInt(values, "steady-rate"), Integer.parseInt(values.get("steady-seconds")),
                positiveInt(values, "steady-batch"), positiveInt(values, "probe-every-ms"),
                positiveInt(values, "query-clients"), Integer.parseInt(values.get("query-warmup-seconds")),
                Integer.parseInt(values.get("query-seconds")), fraction(values, "withdrawals"),
                fraction(values, "late-arrivals"), fraction(values, "duplicates"),
                Path.of(values.get("service-jar")), values.get("heap"), Long.parseLong(values.get("seed")),
                Boolean.parseBoolean(values.get("keep")));
        if (o.sites < 2) {
            throw new IllegalArgumentException("--sites must be at least 2: the two seeded sites come first");
        }
        if (o.batchSize > 1000) {
            throw new IllegalArgumentException("--batch-size is at most 1000, the batch endpoint's limit");
        }
        return o;
    }

    /** Events sent one by one before the batch fill; never more than the total. */
    long singlePhaseEvents() {
        return Math.min(singleEvents, events);
    }

    String describe() {
        return ("database=%s%s kafka=%s events=%,d visitors=%,d sites=%d single-events=%,d single-clients=%d "
                + "collect-decisions=%,d collect-clients=%d collect-warmup-seconds=%d batch-size=%d batch-clients=%d steady-rate=%,d/s steady-seconds=%d steady-batch=%d probe-every-ms=%d "
                + "query-clients=%d query-warmup-seconds=%d query-seconds=%d withdrawals=%.3f late-arrivals=%.3f "
                + "duplicates=%.3f heap=%s seed=%d")
                .formatted(database, database.equals("postgres") ? " (" + postgresUrl + ")" : "",
                        kafka == null ? "off" : kafka, events, visitors, sites, singlePhaseEvents(), singleClients,
                        collectDecisions, collectClients, collectWarmupSeconds, batchSize, batchClients, steadyRate, steadySeconds, steadyBatch, probeEveryMs, queryClients,
                        queryWarmupSeconds, querySeconds, withdrawals, lateArrivals, duplicates, heap, seed);
    }

    static String usage() {
        StringBuilder s = new StringBuilder("usage: java -jar benchmark/target/ledger-benchmark.jar [options]\n");
        DEFAULTS.forEach((name, value) -> s.append("  --").append(name)
                .append(name.equals("keep") ? "" : " " + (value.isEmpty() ? "<unset>" : value)).append('\n'));
        return s.toString();
    }

    private static long positiveLong(Map<String, String> values, String name) {
        long v = Long.parseLong(values.get(name).replace("_", ""));
        if (v <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return v;
    }

    private static int positiveInt(Map<String, String> values, String name) {
        return Math.toIntExact(positiveLong(values, name));
    }

    private static double fraction(Map<String, String> values, String name) {
        double v = Double.parseDouble(values.get(name));
        if (v < 0 || v > 1) {
            throw new IllegalArgumentException("--" + name + " is a fraction between 0 and 1");
        }
        return v;
    }
}
