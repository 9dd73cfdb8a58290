package org.consentledger.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged service in a JVM of its own, so that its heap, its garbage collector and its threads are measured as
 * deployed, not mixed with the load generator's.
 */
final class ServiceProcess implements AutoCloseable {

    // Spring Boot's console form after the timestamp: LEVEL PID --- [application] [thread] logger : message
    private static final Pattern SPRING_BOOT_LINE =
            Pattern.compile("(ERROR|WARN)\\s+\\d+ --- \\[[^\\]]*\\] \\[[^\\]]*\\] (.*)");

    private final Process process;
    private final URI base;
    private final TemporaryDirectory workDir;
    private final Path log;
    private final boolean keep;
    private final String token;

    private ServiceProcess(Process process, URI base, TemporaryDirectory workDir, Path log, boolean keep,
                           String token) {
        this.process = process;
        this.base = base;
        this.token = token;
        this.workDir = workDir;
        this.log = log;
        this.keep = keep;
    }

    static ServiceProcess start(Path jar, String heap, Map<String, String> environment, boolean keep) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar.toAbsolutePath()
                    + "; build it with ./mvnw -q -pl ledger-service,benchmark -am package -DskipTests");
        }
        int port = freePort();
        // The signing key and anything else the service keeps in ./data land in a directory of the run's own.
        TemporaryDirectory workDir = TemporaryDirectory.create("ledger-bench-service-");
        Path log = workDir.path().resolve("service.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A key of the run's own, configured as an operator would: by its token's hash.
        String token = randomToken();
        List<String> command = List.of(java, "-Xmx" + heap,
                // Dying at once makes an OutOfMemoryError visible; a JVM that limps on would skew every figure.
                "-XX:+ExitOnOutOfMemoryError",
                // As the image and spring-boot:run start it (ledger.jvm.gc-flags in ledger-service/pom.xml).
                "-XX:G1HeapRegionSize=4m",
                "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
                "--ledger.access.keys[0].name=benchmark", "--ledger.access.keys[0].token-sha256=" + sha256(token),
                "--ledger.access.keys[0].roles=ingest,audit,admin", "--ledger.access.keys[0].sites=*",
                // Every load client runs on this one address, with more requests in progress than one client may.
                "--ledger.http.max-requests-per-client=0",
                // The benchmark measures what the ledger can take; its key is not to be held to an operator's rate.
                "--ledger.access.rate-limit.requests-per-second=0",
                // Its visitors decide far more often than people do, a few thousand of them carrying the whole load:
                // the collection endpoint's limit per visitor would refuse them.
                "--ledger.collect.visitor-decisions-per-minute=100000",
                // Browsers' addresses arrive as a proxy gives them, so the collection endpoint's per-address limits
                // apply to each visitor as in production.
                "--server.forward-headers-strategy=native");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.path().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        ServiceProcess service = new ServiceProcess(process, URI.create("http://127.0.0.1:" + port), workDir, log, keep,
                token);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroy();
            }
        }));
        return service;
    }

    URI base() {
        return base;
    }

    /** The bearer token of the service's only key: every role, every site. */
    String token() {
        return token;
    }

    private static String randomToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * CPU time the service process has used so far (all its threads, the embedded H2 included; a PostgreSQL server's
     * own processes are not). Less sensitive than a rate to other load on a shared machine.
     */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The service's CPU time and its JIT compiler's share of it, at one moment: a phase's cost is two marks apart. */
    record CpuMark(Duration total, Duration compiler) {

        /** What was used between {@code earlier} and this mark, in milliseconds: all of it, and the compiler's. */
        double totalMsSince(CpuMark earlier) {
            return total.minus(earlier.total).toNanos() / 1e6;
        }

        double compilerMsSince(CpuMark earlier) {
            return compiler.minus(earlier.compiler).toNanos() / 1e6;
        }
    }

    CpuMark cpuMark() {
        return new CpuMark(cpu(), compilerCpu());
    }

    /**
     * CPU time the service's JIT compiler threads have used so far, from Linux's {@code /proc/<pid>/task/*}/stat
     * (zero where that cannot be read). The compiler works when code gets hot, not per request, so it is set apart.
     */
    Duration compilerCpu() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                ticks += compilerTicks(task.resolve("stat"));
            }
        } catch (IOException | UncheckedIOException e) {
            return Duration.ZERO;
        }
        // The kernel counts in USER_HZ, 100 per second on Linux.
        return Duration.ofMillis(ticks * 10);
    }

    static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String name = line.substring(open + 1, close);
        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
            return 0;
        }
        String[] fields = line.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    boolean alive() {
        return process.isAlive();
    }

    void awaitReady(LedgerClient client, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            if (client.ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service not ready within " + timeout + "; log: " + log);
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new ServiceDied(deathReport());
        }
    }

    /** Why the process is gone, from its exit code and its log. */
    String deathReport() {
        StringBuilder s = new StringBuilder("the service process exited with code " + process.exitValue());
        if (logMentions("OutOfMemoryError")) {
            s.append(" after an OutOfMemoryError");
        }
        s.append("; last lines of ").append(log).append(":\n");
        tail(30).forEach(line -> s.append("  ").append(line).append('\n'));
        return s.toString();
    }

    boolean logMentions(String text) {
        try (Stream<String> lines = lines()) {
            return lines.anyMatch(line -> line.contains(text));
        }
    }

    /**
     * ERROR and WARN lines of the service's log with their counts, grouped by logger and message with the numbers
     * left out (so "taking a long time ... [17699ms]" repeats count as one); each group shows its first line.
     */
    Map<String, Integer> problems() {
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Stream<String> lines = lines()) {
            lines.filter(line -> line.contains(" ERROR ") || line.contains(" WARN "))
                    .map(ServiceProcess::withoutPrefix)
                    .forEach(line -> {
                        String key = line.replaceAll("\\d+", "#");
                        first.putIfAbsent(key, line);
                        counts.merge(key, 1, Integer::sum);
                    });
        }
        Map<String, Integer> problems = new LinkedHashMap<>();
        first.forEach((key, line) -> problems.put(line, counts.get(key)));
        return problems;
    }

    /** SIGTERM, then the service's graceful shutdown (up to 30 s per phase) before giving up on it. */
    int stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        stop();
        if (keep) {
            System.out.println("kept the service's directory and log in " + workDir.path());
        } else {
            workDir.delete();
        }
    }

    private List<String> tail(int n) {
        try (Stream<String> lines = lines()) {
            List<String> all = new ArrayList<>();
            lines.forEach(line -> {
                all.add(line);
                if (all.size() > n) {
                    all.remove(0);
                }
            });
            return all;
        }
    }

    private Stream<String> lines() {
        try {
            // Lenient: a log line cut in the middle of a character must not hide the rest.
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** Drops timestamp, pid and thread, so that repeats of one problem count as one. */
    static String withoutPrefix(String line) {
        int level = Math.max(line.indexOf(" ERROR "), line.indexOf(" WARN "));
        String rest = line.substring(level).strip();
        Matcher m = SPRING_BOOT_LINE.matcher(rest);
        if (m.matches()) {
            rest = m.group(1) + " " + m.group(2);
        }
        return rest.length() > 200 ? rest.substring(0, 200) + "..." : rest;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Thrown into whatever phase runs when the service is found dead. */
    static final class ServiceDied extends RuntimeException {
        ServiceDied(String message) {
            super(message);
        }
    }
}
