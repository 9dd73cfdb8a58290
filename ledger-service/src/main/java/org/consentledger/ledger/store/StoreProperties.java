package org.consentledger.ledger.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param commitDeadline the longest an event may take from being stamped {@code recordedAt} to its commit; answers
 *                       whose {@code asOf} is older than this are final ({@link CommitDeadline})
 */
@ConfigurationProperties("ledger.store")
public record StoreProperties(Duration commitDeadline) {

    public StoreProperties {
        commitDeadline = commitDeadline == null ? Duration.ofSeconds(10) : commitDeadline;
    }
}
