package org.consentledger.ledger.metrics;

import java.util.Map;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.consentledger.ledger.store.StreamPositions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operators watch of the event processors, as Micrometer meters (exposed for Prometheus at
 * {@code /actuator/prometheus}): {@code ledger.processor.lag}, the events in the store a processor has not handled
 * yet, per processor. The write path's own meters are in {@link org.consentledger.ledger.write.CommandMetrics}.
 */
@Configuration(proxyBeanMethods = false)
class LedgerMetrics {

    @Bean
    MeterBinder processorLag(EventProcessingConfiguration processing, StreamPositions positions) {
        return registry -> {
            Map<String, org.axonframework.eventhandling.EventProcessor> processors = processing.eventProcessors();
            processors.forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor) {
                    Gauge.builder("ledger.processor.lag", () -> Math.max(0, positions.head() - positions.position(name)))
                            .description("Events in the store the processor has not handled yet")
                            .baseUnit("events").tag("processor", name).register(registry);
                }
            });
        };
    }
}
