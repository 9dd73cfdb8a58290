package org.consentledger.ledger.store;

import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events record the command they came from ({@code correlationId}, {@code traceId}), as with Axon's default, but
 * nothing else is correlated. Axon computes correlation data for every message a unit of work creates, including the
 * result of each event an event processor handles; for stored events that meant deserializing their metadata in
 * every processor, for a result nobody reads.
 */
@Configuration(proxyBeanMethods = false)
class CommandOrigin {

    @Bean
    CorrelationDataProvider commandOriginProvider() {
        MessageOriginProvider origin = new MessageOriginProvider();
        return message -> message instanceof CommandMessage<?> ? origin.correlationDataFor(message) : Map.of();
    }
}
