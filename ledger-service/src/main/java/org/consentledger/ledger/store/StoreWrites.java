package org.consentledger.ledger.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the database takes writes, learnt by writing: a row rewritten and flushed to disk every
 * {@code ledger.store.probe-every}, and at once when a request met a database failure. Readiness includes it, so a
 * load balancer stops sending work while the disk is full. H2 closes its database for good after a failed write:
 * then liveness turns {@code BROKEN} and the process exits (code {@value #EXIT_CODE}) for its supervisor to start it
 * again once the disk has room, rather than answer every request with a failure.
 */
@Component("storeWrites")
public class StoreWrites implements HealthIndicator, SmartLifecycle {

    /** EX_TEMPFAIL: started again later, the ledger will work. */
    public static final int EXIT_CODE = 75;

    /** Health says DOWN this long before the port closes, so that probes and load balancers see why it went. */
    private static final Duration DOWN_BEFORE_EXIT = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(StoreWrites.class);

    private final JdbcClient jdbc;
    private final DurableCommits durable;
    private final ApplicationEventPublisher events;
    private final StoreProperties properties;
    private final AtomicBoolean probeQueued = new AtomicBoolean();
    private ScheduledExecutorService probes;
    private volatile boolean running;
    private volatile String failure;
    private volatile boolean closed;

    StoreWrites(JdbcClient jdbc, DurableCommits durable, ApplicationEventPublisher events, StoreProperties properties) {
        this.jdbc = jdbc;
        this.durable = durable;
        this.events = events;
        this.properties = properties;
    }

    /** A request met a database failure ({@link StoreFailures#isStoreFailure}): probe now, not at the next turn. */
    public void suspect() {
        ScheduledExecutorService scheduled = probes;
        if (running && scheduled != null && probeQueued.compareAndSet(false, true)) {
            scheduled.execute(this::probe);
        }
    }

    private void probe() {
        probeQueued.set(false);
        if (closed) {
            return;
        }
        try {
            jdbc.sql("update store_probe set probed_at = ? where id = 1")
                    .param(OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                    .update();
            durable.flush();
            if (failure != null) {
                log.info("The database takes writes again");
            }
            failure = null;
        } catch (RuntimeException e) {
            if (!running) {
                return;
            }
            if (failure == null) {
                log.error("The database does not take writes; readiness is DOWN until it does", e);
            }
            failure = String.valueOf(NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            if (StoreFailures.closedForGood(e)) {
                closedForGood();
            }
        }
    }

    private void closedForGood() {
        closed = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        if (!properties.exitWhenClosed()) {
            log.error("The database has closed itself and will not take writes again until the ledger restarts; "
                    + "liveness is DOWN");
            return;
        }
        log.error("The database has closed itself and will not take writes again until the ledger restarts: exiting "
                + "with code {} for a supervisor to start it again once the disk has room", EXIT_CODE);
        Thread halt = new Thread(() -> {
            sleep(DOWN_BEFORE_EXIT.plus(properties.exitDeadline()).toMillis());
            Runtime.getRuntime().halt(EXIT_CODE);
        }, "store-closed-halt");
        halt.setDaemon(true);
        halt.start();
        // Exits from a thread of its own: System.exit waits for the shutdown hooks, which stop this lifecycle.
        new Thread(() -> {
            sleep(DOWN_BEFORE_EXIT.toMillis());
            System.exit(EXIT_CODE);
        }, "store-closed-exit").start();
    }

    @Override
    public Health health() {
        if (closed) {
            return Health.down().withDetail("error", "the database has closed itself after a failed write; the "
                    + "ledger must be restarted").build();
        }
        String failed = failure;
        return failed == null ? Health.up().build() : Health.down().withDetail("error", failed).build();
    }

    @Override
    public void start() {
        probes = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-probe");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        long every = properties.probeEvery().toMillis();
        probes.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        // Not interrupted: an interrupt in the middle of file I/O closes an H2 database's file for good.
        probes.shutdown();
        try {
            probes.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the processors, so a closing database is not taken for a failing one. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
