package org.consentledger.ledger.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param commitDeadline  the longest an event may take from being stamped {@code recordedAt} to its commit; answers
 *                        whose {@code asOf} is older than this are final ({@link CommitDeadline})
 * @param processorLinger how long a caught-up processor waits, once an event arrives, for the commits behind it
 *                        ({@link LingeringEventSource}); zero turns it off
 */
@ConfigurationProperties("ledger.store")
public record StoreProperties(Duration commitDeadline, Duration processorLinger) {

    public StoreProperties {
        commitDeadline = commitDeadline == null ? Duration.ofSeconds(10) : commitDeadline;
        processorLinger = processorLinger == null ? Duration.ofMillis(20) : processorLinger;
        if (processorLinger.isNegative()) {
            throw new IllegalArgumentException("ledger.store.processor-linger must not be negative");
        }
    }
}
