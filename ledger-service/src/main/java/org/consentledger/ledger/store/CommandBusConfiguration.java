package org.consentledger.ledger.store;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.consentledger.ledger.LedgerRejection;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Axon's command bus as Spring Boot would build it, except that a command is answered only once its commit is on
 * disk ({@link DurableCommandBus}) and that a {@link LedgerRejection} does not roll the unit of work back. A refused
 * command has applied nothing, so there is nothing to undo; rolling back would instead make Axon forget the visitor's
 * aggregate for the rest of an enclosing batch (see {@code ConsentBatch}), whose earlier, accepted decisions for that
 * visitor would then be invisible to its later ones. Anything else still rolls back.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class CommandBusConfiguration {

    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(TransactionManager transactions, Configuration axon,
                                DuplicateCommandHandlerResolver duplicates, DurableCommits durable) {
        SimpleCommandBus bus = new DurableCommandBus(SimpleCommandBus.builder()
                .transactionManager(transactions)
                .duplicateCommandHandlerResolver(duplicates)
                .rollbackConfiguration(failure -> !(failure instanceof LedgerRejection))
                .spanFactory(axon.getComponent(org.axonframework.commandhandling.CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus")), durable::flush);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
