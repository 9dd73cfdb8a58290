package org.consentledger.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The consent ledger: write side, projections and HTTP API in one process. */
@SpringBootApplication(scanBasePackages = "org.consentledger")
@ConfigurationPropertiesScan("org.consentledger")
public class LedgerApplication {

    static final String AXON_UPDATE_CHECK = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // A system of record does not report to third parties; Axon's update checker would on every start.
        if (System.getProperty(AXON_UPDATE_CHECK) == null) {
            System.setProperty(AXON_UPDATE_CHECK, "true");
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
