package org.consentledger.ledger.store;

import java.time.Clock;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Axon's Spring Boot set-up of the JPA event store, which stands aside as a whole once the ledger defines its own
 * storage engine, rebuilt as it was around {@link LedgerStorageEngine}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class EventStorageSetup {

    @Bean
    LedgerStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager,
                                          SubmissionKeys submissionKeys,
                                          StoreProperties properties,
                                          Clock clock) {
        return new LedgerStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                // Events read per query by a processor that is behind (a replay, a catch-up); Axon's 100 made a
                // replay spend much of its time on queries.
                .batchSize(1_000), transactionManager, submissionKeys,
                new CommitDeadline(properties.commitDeadline(), clock));
    }

    @Bean
    SubmissionIndex submissionIndex(EntityManagerProvider entityManagerProvider) {
        return new SubmissionIndex(entityManagerProvider);
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /** What the read models' and the Merkle log's processors read ({@code source} in their settings). */
    @Bean
    LingeringEventSource processorEvents(EmbeddedEventStore eventStore, StoreProperties properties) {
        return new LingeringEventSource(eventStore, properties.processorLinger());
    }
}
