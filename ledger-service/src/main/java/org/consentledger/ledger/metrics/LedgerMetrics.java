package org.consentledger.ledger.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.consentledger.api.EventType;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.store.StreamPositions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operators watch, as Micrometer meters (exposed for Prometheus at {@code /actuator/prometheus}):
 * {@code ledger.commands} (timer by command and outcome: accepted, rejected by a ledger rule, failed),
 * {@code ledger.events.appended} (events committed to the store, by type) and {@code ledger.processor.lag}
 * (events in the store a processor has not handled yet, per processor).
 */
@Configuration(proxyBeanMethods = false)
class LedgerMetrics {

    /** Axon's auto-configuration registers every handler interceptor bean with the command bus. */
    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> commandTimer(MeterRegistry registry) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return (unitOfWork, chain) -> {
            String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
            Timer.Sample sample = Timer.start(registry);
            String outcome = "failed";
            try {
                Object result = chain.proceed();
                outcome = "accepted";
                return result;
            } catch (LedgerRejection e) {
                outcome = "rejected";
                throw e;
            } finally {
                sample.stop(timer(timers, registry, command, outcome));
            }
        };
    }

    /** One timer per command and outcome, found again instead of built and looked up for every command. */
    private static Timer timer(Map<String, Timer> timers, MeterRegistry registry, String command, String outcome) {
        return timers.computeIfAbsent(command + " " + outcome, k -> Timer.builder("ledger.commands")
                .description("Commands handled").tags("command", command, "outcome", outcome).register(registry));
    }

    @Bean
    MessageDispatchInterceptor<EventMessage<?>> appendedEvents(MeterRegistry registry, EventStore eventStore) {
        MessageDispatchInterceptor<EventMessage<?>> interceptor = messages -> (index, event) -> {
            if (event instanceof DomainEventMessage<?> && CurrentUnitOfWork.isStarted()) {
                Counter appended = Counter.builder("ledger.events.appended").description("Events committed to the store")
                        .tag("type", EventType.ofPayload(event.getPayloadType()).map(EventType::label)
                                .orElse("other")).register(registry);
                // Counted once committed: a rolled-back event was never appended.
                CurrentUnitOfWork.get().afterCommit(u -> appended.increment());
            }
            return event;
        };
        eventStore.registerDispatchInterceptor(interceptor);
        return interceptor;
    }

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
