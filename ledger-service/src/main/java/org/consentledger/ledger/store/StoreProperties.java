package org.consentledger.ledger.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param commitDeadline  the longest an event may take from being stamped {@code recordedAt} to its commit; answers
 *                        whose {@code asOf} is older than this are final ({@link CommitDeadline})
 * @param processorLinger how long a caught-up processor waits, once an event arrives, for the commits behind it
 *                        ({@link LingeringEventSource}); zero turns it off
 * @param probeEvery      how often the ledger writes to learn whether the database takes writes ({@link StoreWrites})
 * @param exitWhenClosed  whether the process exits when its H2 database has closed itself, for a supervisor to start
 *                        it again; otherwise liveness alone says so
 * @param exitDeadline    how long that exit may take (finishing requests, handing back claims) before the process
 *                        is halted
 */
@ConfigurationProperties("ledger.store")
public record StoreProperties(Duration commitDeadline, Duration processorLinger, Duration probeEvery,
                              Boolean exitWhenClosed, Duration exitDeadline) {

    public StoreProperties {
        commitDeadline = commitDeadline == null ? Duration.ofSeconds(10) : commitDeadline;
        processorLinger = processorLinger == null ? Duration.ofMillis(20) : processorLinger;
        probeEvery = probeEvery == null ? Duration.ofSeconds(2) : probeEvery;
        exitWhenClosed = exitWhenClosed == null || exitWhenClosed;
        exitDeadline = exitDeadline == null ? Duration.ofSeconds(15) : exitDeadline;
        if (processorLinger.isNegative()) {
            throw new IllegalArgumentException("ledger.store.processor-linger must not be negative");
        }
        if (probeEvery.isNegative() || probeEvery.isZero()) {
            throw new IllegalArgumentException("ledger.store.probe-every must be positive");
        }
    }
}
