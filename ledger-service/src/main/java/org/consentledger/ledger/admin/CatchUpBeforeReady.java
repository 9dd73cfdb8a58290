package org.consentledger.ledger.admin;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Holds the instance's readiness back until its read models have caught up with the event store (seed policies
 * included), so a load balancer never routes a question to an instance that would answer from a stale read model.
 * Spring Boot reports readiness only after every runner has finished; this one runs last.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class CatchUpBeforeReady implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatchUpBeforeReady.class);

    private final ReadModels readModels;
    private final Properties properties;

    CatchUpBeforeReady(ReadModels readModels, Properties properties) {
        this.readModels = readModels;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (!readModels.awaitCaughtUp(properties.startupCatchUpTimeout())) {
            log.warn("Read models had not caught up with the event store after {}; reporting ready anyway: {}",
                    properties.startupCatchUpTimeout(), readModels.status());
        }
    }

    /** @param startupCatchUpTimeout how long start-up waits for the read models before reporting ready anyway */
    @ConfigurationProperties("ledger.read-models")
    record Properties(@DefaultValue("PT5M") Duration startupCatchUpTimeout) {
    }
}
