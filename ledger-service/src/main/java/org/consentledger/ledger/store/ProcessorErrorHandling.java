package org.consentledger.ledger.store;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes every event processor stop and retry on a handler failure instead of logging it and moving on, which is
 * Axon's default. A read model or relay that skipped an event would give wrong answers or lose an event without
 * anyone noticing; retrying the batch (its token not advanced) loses nothing.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorErrorHandling {

    @Bean
    public ConfigurerModule failedEventsAreRetriedNotSkipped() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
