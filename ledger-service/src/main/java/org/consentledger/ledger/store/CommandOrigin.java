package org.consentledger.ledger.store;

import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only a command is the origin of what its handling creates ({@code correlationId}, {@code traceId}); the write path
 * gives each event its command's id that way itself. Axon's default computes correlation data for every message a
 * unit of work creates, including the result of each event an event processor handles; for stored events that meant
 * deserializing their metadata in every processor, for a result nobody reads.
 */
@Configuration(proxyBeanMethods = false)
class CommandOrigin {

    @Bean
    CorrelationDataProvider commandOriginProvider() {
        MessageOriginProvider origin = new MessageOriginProvider();
        return message -> message instanceof CommandMessage<?> ? origin.correlationDataFor(message) : Map.of();
    }
}
