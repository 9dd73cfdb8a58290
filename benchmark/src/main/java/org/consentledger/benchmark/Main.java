package org.consentledger.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One run: starts the packaged service in its own JVM on a fresh database, drives it through the phases and
 * prints every figure, then one table of figures against targets.
 */
public final class Main {

    private static final double MB = 1024 * 1024;

    private final Options options;
    private final Report report = new Report();
    /** The fill, for the raw-JDBC ratio once the service has stopped; the batch endpoint's. */
    private Ingestion.Result batchFill;
    private boolean completed;

    private Main(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new Main(options).run());
    }

    private int run() throws Exception {
        System.out.println("machine: " + machine());
        System.out.println("parameters: " + options.describe());
        try (Database database = options.database().equals("h2")
                ? new H2File(options.keep()) : PostgresDatabase.create(options.postgresUrl(), options.keep())) {
            System.out.println("database: " + database.describe());
            Map<String, String> environment = new HashMap<>(database.serviceEnvironment());
            if (options.kafka() != null) {
                environment.put("LEDGER_KAFKA_BOOTSTRAP_SERVERS", options.kafka());
            }
            try (ServiceProcess service = ServiceProcess.start(options.serviceJar(), options.heap(), environment,
                    options.keep())) {
                long fillEvents = drive(service);
                if (fillEvents > 0) {
                    rawJdbc(database, fillEvents);
                }
            }
        }
        System.out.println();
        System.out.println("machine: " + machine());
        System.out.println("parameters: " + options.describe());
        report.print(System.out);
        return completed ? 0 : 1;
    }

    /** Phases 1 to 8 and 10, ending with the service stopped; gives the number of events the fill recorded. */
    private long drive(ServiceProcess service) throws Exception {
        LedgerClient client = new LedgerClient(service.base(), service.token());
        long fillEvents = 0;
        try (MetricsSampler metrics = new MetricsSampler(client, service)) {
            long started = System.nanoTime();
            service.awaitReady(client, Duration.ofMinutes(5));
            System.out.printf("service: pid %d on %s, -Xmx%s, ready in %.1f s%n", service.pid(), service.base(),
                    options.heap(), (System.nanoTime() - started) / 1e9);
            metrics.start();
            try {
                fillEvents = phases(client, service, metrics);
                completed = true;
            } catch (ServiceProcess.ServiceDied e) {
                System.out.println("SERVICE DIED: " + e.getMessage());
            } catch (Exception e) {
                // The figures measured so far still go into the table.
                System.out.println("RUN FAILED: " + e);
                e.printStackTrace(System.out);
            } finally {
                heap(metrics, service);
                problems(service);
            }
        } finally {
            int exit = service.stop();
            System.out.println("service stopped (SIGTERM), exit code " + exit);
        }
        return fillEvents;
    }

    /** Phases 2 to 8, against the running service; gives the number of events the fill recorded. */
    private long phases(LedgerClient client, ServiceProcess service, MetricsSampler metrics) throws Exception {
        List<Workload.Site> sites = SiteSetup.publish(client, options.sites());
        String runTag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        Workload workload = new Workload(sites, options.visitors(), options.withdrawals(), options.lateArrivals(),
                options.duplicates(), options.seed(), runTag);
        System.out.printf("%nsites: %d (%s and %d importing their policy pages), visitors: %,d%n", sites.size(),
                String.join(", ", SiteSetup.SEEDED), sites.size() - SiteSetup.SEEDED.size(), options.visitors());
        Instant loadStart = Instant.now();
        Ingestion ingestion = new Ingestion(client, workload, service);

        section("ingestion, single endpoint");
        ServiceProcess.CpuMark singleCpu = service.cpuMark();
        WriterThreads singleWriters = WriterThreads.of(service.pid());
        WriterGroups singleGroups = WriterGroups.scrape(client);
        Ingestion.Result single = ingestion.single(options.singleClients(), options.singlePhaseEvents());
        System.out.println(single.describe());
        // A consent banner sends one decision a request: whether those share commits is what decides this rate.
        System.out.println(WriterGroups.scrape(client).since(singleGroups, single.elapsed().toNanos() / 1e9));
        System.out.println(cpuUsed(service, singleCpu, single.outcomes().accepted(), single.elapsed()));
        System.out.println(WriterThreads.of(service.pid()).describeSince(singleWriters, single.elapsed()));
        single.outcomes().requireFewProblems("single endpoint");
        report.info("ingestion, single endpoint (" + options.singleClients() + " clients)", rate(single.perSecond()));

        section("ingestion, batch endpoint: fill to " + "%,d".formatted(options.events()) + " events");
        long fill = options.events() - options.singlePhaseEvents();
        Ingestion.Result fillResult = null;
        if (fill > 0) {
            ServiceProcess.CpuMark cpu = service.cpuMark();
            WriterThreads writers = WriterThreads.of(service.pid());
            fillResult = ingestion.batch(options.batchClients(), options.batchSize(), fill);
            System.out.println(fillResult.describe());
            System.out.println(cpuUsed(service, cpu, fillResult.outcomes().accepted(), fillResult.elapsed()));
            System.out.println(WriterThreads.of(service.pid()).describeSince(writers, fillResult.elapsed()));
            fillResult.outcomes().requireFewProblems("fill");
            System.out.printf("kafka-relay lag at the end of the fill: %s%n", lagNow(metrics, "kafka-relay"));
        }
        double durableTarget = options.database().equals("h2") ? 20_000 : 10_000;
        String durableFigure = "durable ingestion, batch endpoint (" + options.database() + ")";
        if (fillResult != null) {
            report.add(durableFigure, rate(fillResult.perSecond()), ">= " + rate(durableTarget),
                    fillResult.perSecond() >= durableTarget);
        }
        batchFill = fillResult;

        section("projection lag under steady load");
        ServiceProcess.CpuMark steadyCpu = service.cpuMark();
        WriterThreads steadyWriters = WriterThreads.of(service.pid());
        long steadyStart = System.nanoTime();
        ProjectionLag.Result lag = new ProjectionLag(client, workload, metrics, service).run(options.steadyRate(),
                options.steadySeconds(), options.steadyBatch(), options.probeEveryMs());
        Duration steadyElapsed = Duration.ofNanos(System.nanoTime() - steadyStart);
        printLag(lag);
        System.out.println(WriterThreads.of(service.pid()).describeSince(steadyWriters, steadyElapsed));
        System.out.println(cpuUsed(service, steadyCpu, (long) (lag.acceptedRate() * options.steadySeconds()),
                Duration.ofSeconds(options.steadySeconds()).plus(lag.drain() == null ? Duration.ZERO : lag.drain())));

        section("point-in-time query latency");
        long head = client.projections().path("head").asLong();
        QueryLatency queries = new QueryLatency(client, workload, loadStart);
        queries.warmUp(options.queryClients(), Duration.ofSeconds(options.queryWarmupSeconds()));
        ServiceProcess.CpuMark queryCpu = service.cpuMark();
        QueryLatency.Result query = queries.measure(options.queryClients(), Duration.ofSeconds(options.querySeconds()));
        ServiceProcess.CpuMark afterQueries = service.cpuMark();
        double queryCpuMs = afterQueries.totalMsSince(queryCpu);
        double queryJitMs = afterQueries.compilerMsSince(queryCpu);
        Histogram q = query.latency();
        System.out.printf("%,d events in the store, %,d visitors; %d clients, %,.0f answers/s, %,d errors%n", head,
                options.visitors(), query.clients(), query.perSecond(), query.errors());
        System.out.printf("latency ms: p50 %s  p99 %s  p99.9 %s  max %s%n", ms(q.getValueAtPercentile(50)),
                ms(q.getValueAtPercentile(99)), ms(q.getValueAtPercentile(99.9)), ms(q.getMaxValue()));
        // What answering costs the service, beside what it costs the caller in time; the JIT compiler's share is
        // set apart because it compiles when code gets hot, not per answer.
        long answers = Math.max(1, q.getTotalCount());
        System.out.printf("service CPU: %.0f us per answer, %.0f us without the JIT compiler's %.2f cores; "
                        + "%.2f cores busy on average%n", queryCpuMs * 1_000 / answers,
                (queryCpuMs - queryJitMs) * 1_000 / answers, queryJitMs / (query.measured().toNanos() / 1e6),
                queryCpuMs / (query.measured().toNanos() / 1e6));
        report.add("query p99 at %,d events / %,d visitors".formatted(head, options.visitors()),
                "p99 %s ms (p50 %s, p99.9 %s, max %s)".formatted(ms(q.getValueAtPercentile(99)),
                        ms(q.getValueAtPercentile(50)), ms(q.getValueAtPercentile(99.9)), ms(q.getMaxValue())),
                "<= 5 ms", q.getTotalCount() > 0 && q.getValueAtPercentile(99) <= 5_000 && query.errors() == 0);

        section("evidence bundles");
        EvidenceLatency evidence = new EvidenceLatency(client, sites.get(0), runTag);
        for (int[] size : new int[][] {{10, 20, 200, 50_000}, {20_000, 3, 10, 2_000_000}}) {
            EvidenceLatency.Result bundles = evidence.measure(size[0], size[1], size[2]);
            Histogram b = bundles.latency();
            long events = client.projections().path("head").asLong();
            System.out.printf("visitor with %,d events, %,d in the store: %d bundles of %,d bytes, latency ms: p50 %s"
                            + "  p99 %s  max %s, %d errors%n", size[0], events, b.getTotalCount(), bundles.bytes(),
                    ms(b.getValueAtPercentile(50)), ms(b.getValueAtPercentile(99)), ms(b.getMaxValue()),
                    bundles.errors());
            report.add("evidence bundle, visitor with %,d events, %,d in the store".formatted(size[0], events),
                    "p99 %s ms (p50 %s)".formatted(ms(b.getValueAtPercentile(99)), ms(b.getValueAtPercentile(50))),
                    "<= %s ms".formatted(ms(size[3])),
                    b.getTotalCount() > 0 && b.getValueAtPercentile(99) <= size[3] && bundles.errors() == 0);
        }

        // Last of the loads, so that the phases before it run on the store they always did; its warm-up alone records
        // as many decisions as the service takes in a couple of minutes.
        if (options.collectDecisions() > 0) {
            collection(client, workload, service);
        }

        section("full replay of the read models");
        Replay replay = new Replay(client, service);
        ServiceProcess.CpuMark replayCpu = service.cpuMark();
        Replay.Result rebuilt = replay.readModels();
        System.out.printf("%,d events in %.1f s: %s%n", rebuilt.events(), seconds(rebuilt.elapsed()),
                rate(rebuilt.perSecond()));
        System.out.println(cpuUsed(service, replayCpu, rebuilt.events(), rebuilt.elapsed()));
        report.add("full replay of %,d events".formatted(rebuilt.events()), rate(rebuilt.perSecond()),
                ">= " + rate(50_000), rebuilt.perSecond() >= 50_000);

        if (options.kafka() != null) {
            section("Kafka relay");
            Replay.Result relayed = replay.kafkaRelay();
            System.out.printf("republished %,d events in %.1f s: %s%n", relayed.events(), seconds(relayed.elapsed()),
                    rate(relayed.perSecond()));
            report.info("Kafka relay, republishing every event", rate(relayed.perSecond()));
        }
        // Lets the heap settle after the last phase before its after-load value is taken.
        Thread.sleep(3_000);
        return fillResult == null ? 0 : fillResult.outcomes().created.get();
    }

    /** Browsers at the public collection endpoint: the figures a banner's traffic meets. */
    private void collection(LedgerClient client, Workload workload, ServiceProcess service) throws Exception {
        section("ingestion, collection endpoint (browsers)");
        Collection collection = Collection.enable(client, workload, service);
        warmUp(collection, service);
        long generatorCpu = ownCpuNanos();
        ServiceProcess.CpuMark cpu = service.cpuMark();
        WriterGroups groups = WriterGroups.scrape(client);
        Collection.Result result = collection.run(options.collectClients(), options.collectDecisions());
        Histogram l = result.latency();
        double cpuMs = service.cpuMark().totalMsSince(cpu) / Math.max(1, result.outcomes().accepted());
        System.out.printf("collection endpoint, %d clients: %,.0f decisions/s (%s in %.1f s)%n",
                options.collectClients(), result.perSecond(), result.outcomes().describe(), seconds(result.elapsed()));
        System.out.printf("latency ms: p50 %s  p99 %s  p99.9 %s  max %s%n", ms(l.getValueAtPercentile(50)),
                ms(l.getValueAtPercentile(99)), ms(l.getValueAtPercentile(99.9)), ms(l.getMaxValue()));
        System.out.println(WriterGroups.scrape(client).since(groups, seconds(result.elapsed())));
        System.out.println(cpuUsed(service, cpu, result.outcomes().accepted(), result.elapsed()));
        System.out.printf("load generator (the benchmark's own process): %.2f ms of CPU per decision%n",
                (ownCpuNanos() - generatorCpu) / 1e6 / Math.max(1, result.outcomes().accepted()));
        result.outcomes().requireFewProblems("collection endpoint");
        String db = options.database();
        report.add("collection endpoint (%s, %d clients)".formatted(db, options.collectClients()),
                rate(result.perSecond()), ">= 2,500 events/s", result.perSecond() >= 2_500);
        report.add("collection endpoint p99 (%s)".formatted(db), "p99 %s ms (p50 %s)".formatted(
                ms(l.getValueAtPercentile(99)), ms(l.getValueAtPercentile(50))), "<= 100 ms",
                l.getValueAtPercentile(99) <= 100_000);
        report.add("collection endpoint service CPU (%s)".formatted(db), "%.2f ms per decision".formatted(cpuMs),
                "<= 0.6 ms", cpuMs <= 0.6);

        section("collection endpoint under a flood");
        CollectionFlood floods = new CollectionFlood(client, workload, collection);
        Duration window = Duration.ofSeconds(10);
        Cores cores = new Cores(service);
        CollectionFlood.Window calm = floods.window(FLOOD_STEADY_RATE, window, false);
        System.out.println(CollectionFlood.describe("without a flood", calm) + cores.since());
        cores = new Cores(service);
        CollectionFlood.Window flooded = floods.window(FLOOD_STEADY_RATE, window, true);
        System.out.println(CollectionFlood.describe("with a flood", flooded) + cores.since());
        report.info("other sites' decisions p99, calm / flooded (%s, %d/s)".formatted(db, FLOOD_STEADY_RATE),
                "%s / %s ms".formatted(ms(calm.collection().getValueAtPercentile(99)),
                        ms(flooded.collection().getValueAtPercentile(99))));
        report.info("answers p99 over the API, calm / flooded (%s)".formatted(db), "%s / %s ms".formatted(
                ms(calm.answers().getValueAtPercentile(99)), ms(flooded.answers().getValueAtPercentile(99))));
    }

    /** Rounds of the warm-up: the compiler's share is judged over each. */
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(10);
    /** A compiler using less of a core than this over a round has compiled what the load runs. */
    private static final double COMPILER_QUIET = 0.05;

    /**
     * The collection load, unmeasured, until the service's JIT compiler is quiet (or --collect-warmup-seconds have
     * passed): on two cores a fresh service went on compiling at half a core for two minutes of this load.
     *
     * @return the events the warm-up recorded
     */
    private long warmUp(Collection collection, ServiceProcess service) throws Exception {
        long started = System.nanoTime();
        long recorded = 0;
        double compilerCores = Double.NaN;
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(options.collectWarmupSeconds())) {
            ServiceProcess.CpuMark before = service.cpuMark();
            Collection.Result round = collection.warm(options.collectClients(), WARMUP_ROUND);
            recorded += round.outcomes().created.get();
            compilerCores = service.cpuMark().compilerMsSince(before) / (round.elapsed().toNanos() / 1e6);
            if (compilerCores < COMPILER_QUIET) {
                break;
            }
        }
        System.out.printf("warm-up, not measured: %.0f s, %,d decisions recorded, JIT compiler at %.2f of a core in "
                + "its last %d s%n", (System.nanoTime() - started) / 1e9, recorded, compilerCores,
                WARMUP_ROUND.toSeconds());
        return recorded;
    }

    /** How many cores the service and the load generator kept busy from its creation: who a flood's CPU went to. */
    private static final class Cores {

        private final ServiceProcess service;
        private final ServiceProcess.CpuMark serviceMark;
        private final long ownCpu = ownCpuNanos();
        private final long started = System.nanoTime();

        Cores(ServiceProcess service) {
            this.service = service;
            this.serviceMark = service.cpuMark();
        }

        String since() {
            double elapsedMs = (System.nanoTime() - started) / 1e6;
            return "; cores busy: the service %.2f, the load generator %.2f".formatted(
                    service.cpuMark().totalMsSince(serviceMark) / elapsedMs,
                    (ownCpuNanos() - ownCpu) / 1e6 / elapsedMs);
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** What the other sites' banners send while one site and one address flood: well inside what the service takes. */
    private static final int FLOOD_STEADY_RATE = 200;

    /**
     * The service's CPU time since {@code before}, per event and as cores kept busy over {@code elapsed}, with the JIT
     * compiler's part: it compiles whatever a phase makes hot for the first time, so a short phase pays for it.
     */
    private static String cpuUsed(ServiceProcess service, ServiceProcess.CpuMark before, long events,
                                  Duration elapsed) {
        ServiceProcess.CpuMark now = service.cpuMark();
        double cpuMs = now.totalMsSince(before);
        double jitMs = now.compilerMsSince(before);
        double elapsedMs = elapsed.toNanos() / 1e6;
        return "service CPU: %.0f ms per 1,000 events (JIT compiler %.0f of them), %.2f cores busy on average (JIT %.2f)"
                .formatted(events == 0 ? 0 : cpuMs * 1_000 / events, events == 0 ? 0 : jitMs * 1_000 / events,
                        cpuMs / elapsedMs, jitMs / elapsedMs);
    }

    private void printLag(ProjectionLag.Result lag) {
        System.out.printf("offered %,d events/s (%s) for %d s: accepted %,.0f/s; %s; %,d not sent (client at its in-flight cap)%n",
                lag.offeredRate(), "batches of " + options.steadyBatch(),
                options.steadySeconds(), lag.acceptedRate(), lag.outcomes().describe(), lag.skipped());
        Histogram ryw = lag.readYourWrite();
        System.out.printf("read-your-write (201 to an answer naming the event), %,d probes, %,d not seen within 30 s "
                + "or not recorded (counted as 30 s): p50 %s ms  p99 %s ms  max %s ms%n", lag.probes(),
                lag.probesTimedOut(), ms(ryw.getValueAtPercentile(50)), ms(ryw.getValueAtPercentile(99)),
                ms(ryw.getMaxValue()));
        lag.lagEvents().forEach((processor, h) -> System.out.printf(
                "lag gauge %-16s events: p50 %,d  p99 %,d  max %,d  (%,d samples; fewer than one per 200 ms when "
                        + "the service answers scrapes slowly)%n", processor,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue(), h.getTotalCount()));
        System.out.println(lag.drain() == null ? "read models still behind 5 min after the load stopped"
                : "read models caught up %.2f s after the load stopped".formatted(seconds(lag.drain())));

        boolean sustained = lag.acceptedRate() >= 0.95 * lag.offeredRate();
        report.add("steady load accepted", "%s of %s offered".formatted(rate(lag.acceptedRate()),
                rate(lag.offeredRate())), ">= 95% of offered", sustained);
        boolean rywMet = ryw.getTotalCount() > 0 && lag.probesTimedOut() == 0 && ryw.getValueAtPercentile(99) <= 1_000_000;
        String unseen = lag.probesTimedOut() == 0 ? "" : ", %,d of %,d probes unseen after 30 s, counted as 30 s"
                .formatted(lag.probesTimedOut(), lag.probes());
        report.add("projection lag, read-your-write at " + rate(lag.offeredRate()),
                "p99 %s ms (p50 %s, max %s)%s".formatted(ms(ryw.getValueAtPercentile(99)),
                        ms(ryw.getValueAtPercentile(50)), ms(ryw.getMaxValue()), unseen), "<= 1 s", rywMet);
        Histogram gauge = lag.lagEvents().get(ProjectionLag.READ_MODEL);
        if (gauge != null && lag.acceptedRate() > 0) {
            // The gauge counts events; at the accepted rate that many events take this long to arrive.
            double p99s = gauge.getValueAtPercentile(99) / lag.acceptedRate();
            double maxS = gauge.getMaxValue() / lag.acceptedRate();
            report.add("projection lag, " + ProjectionLag.READ_MODEL + " gauge",
                    "p99 %,d events = %.2f s (max %,d = %.2f s)".formatted(gauge.getValueAtPercentile(99), p99s,
                            gauge.getMaxValue(), maxS), "<= 1 s", p99s <= 1.0);
        }
    }

    private void heap(MetricsSampler metrics, ServiceProcess service) {
        section("heap");
        boolean alive = service.alive();
        boolean oom = service.logMentions("OutOfMemoryError");
        String live = Double.isNaN(metrics.liveData()) ? "" : ", live %.0f MB".formatted(metrics.liveData() / MB);
        System.out.printf("used heap peak %.0f MB, after the load %.0f MB%s (G1's live data after its last collection; %s)%n",
                metrics.heapPeak() / MB, metrics.heapUsed() / MB, live, metrics.describeScrapes());
        System.out.println(alive ? "the service is alive" : service.deathReport());
        report.add("heap (-Xmx" + options.heap() + ")", "peak %.0f MB, after load %.0f MB%s%s".formatted(
                        metrics.heapPeak() / MB, metrics.heapUsed() / MB, live,
                        alive ? "" : ", SERVICE DIED" + (oom ? " (OutOfMemoryError)" : "")),
                "<= 512 MB, no OOM", alive && !oom && metrics.heapPeak() <= 512 * MB);
    }

    private void problems(ServiceProcess service) {
        Map<String, Integer> problems = service.problems();
        section("service log: " + problems.values().stream().mapToInt(Integer::intValue).sum()
                + " WARN/ERROR lines");
        problems.entrySet().stream().limit(20)
                .forEach(e -> System.out.printf("%6d x %s%n", e.getValue(), e.getKey()));
    }

    private void rawJdbc(Database database, long rows) throws Exception {
        section("raw JDBC batch insert, same database, service stopped");
        RawJdbcInsert.Result raw;
        try {
            raw = new RawJdbcInsert(database).run(rows, options.batchSize());
        } catch (Exception e) {
            System.out.println("RAW JDBC FAILED: " + e);
            completed = false;
            return;
        }
        System.out.printf("%,d rows of %.0f bytes (payload + metadata, from real events), %d a batch and commit, in "
                + "%.1f s: %s%n", raw.rows(), raw.averageRowBytes(), raw.batchSize(), seconds(raw.elapsed()),
                rate(raw.perSecond()).replace("events", "rows"));
        report.info("raw JDBC batch insert (" + options.database() + ")", rate(raw.perSecond()).replace("events", "rows"));
        if (batchFill != null) {
            double ratio = batchFill.perSecond() / raw.perSecond();
            System.out.printf("ratio of batch endpoint ingestion to raw JDBC: %.3f%n", ratio);
            report.add("ratio batch endpoint / raw JDBC", "%.3f".formatted(ratio), ">= 0.25", ratio >= 0.25);
        }
    }

    private static String lagNow(MetricsSampler metrics, String processor) {
        double lag = metrics.lag(processor);
        return Double.isNaN(lag) ? "no such processor" : "%,.0f events".formatted(lag);
    }

    private static void section(String name) {
        System.out.printf("%n== %s%n", name);
    }

    private static String rate(double perSecond) {
        return "%,.0f events/s".formatted(perSecond);
    }

    private static String ms(long micros) {
        return "%.2f".formatted(micros / 1000.0);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return "%d cores%s, %.0f GB, %s %s, JDK %s (%s)".formatted(Runtime.getRuntime().availableProcessors(), cpu(),
                memory / (MB * 1024), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"));
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> " (" + l.substring(l.indexOf(':') + 1).strip() + ")").orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
