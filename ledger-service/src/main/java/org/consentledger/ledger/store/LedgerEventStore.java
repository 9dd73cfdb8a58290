package org.consentledger.ledger.store;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Axon's embedded event store, with a stream read that stays cheap inside a large unit of work (a batch):
 * <ul>
 * <li>Axon finds the events staged but not yet committed by scanning every staged event and de-duplicating with
 * {@code List.contains}, quadratic in the batch per stream read; here each staged event is indexed by stream once.</li>
 * <li>Axon first asks the store for a snapshot on every read. The ledger takes no snapshots (a visitor's stream is a
 * handful of events), so that query is skipped.</li>
 * </ul>
 */
public class LedgerEventStore extends EmbeddedEventStore {

    private static final String INDEX = LedgerEventStore.class.getName() + ".stagedIndex";

    LedgerEventStore(Builder builder) {
        super(builder);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return DomainEventStream.concat(storageEngine().readEvents(aggregateIdentifier),
                DomainEventStream.of(stagedDomainEventMessages(aggregateIdentifier)));
    }

    /** The stream's events staged by the current unit of work (and those it runs in), not yet stored. */
    public Stream<? extends DomainEventMessage<?>> staged(String aggregateIdentifier) {
        return stagedDomainEventMessages(aggregateIdentifier);
    }

    @Override
    protected Stream<? extends DomainEventMessage<?>> stagedDomainEventMessages(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Stream.empty();
        }
        // Outermost first, as Axon orders them; a nested unit of work hands its events to its parent on commit.
        Deque<UnitOfWork<?>> chain = new ArrayDeque<>();
        for (UnitOfWork<?> u = CurrentUnitOfWork.get(); u != null; u = u.parent().orElse(null)) {
            chain.addFirst(u);
        }
        String key = stagedEventsKey();
        return chain.stream()
                .filter(u -> !u.isRolledBack())
                .flatMap(u -> u.getOrComputeResource(INDEX, k -> new StagedIndex())
                        .of(aggregateIdentifier, u.<List<EventMessage<?>>>getOrDefaultResource(key, List.of())))
                .distinct(); // a nested unit of work's events are also in its parent's list once it committed
    }

    /**
     * One unit of work's staged events by stream, brought up to date with its staging list on each read. The list
     * only grows while the unit of work runs, so each event is indexed once.
     */
    private static final class StagedIndex {

        private final Map<String, List<DomainEventMessage<?>>> byStream = new HashMap<>();
        private int indexed;

        synchronized Stream<DomainEventMessage<?>> of(String stream, List<EventMessage<?>> staged) {
            for (; indexed < staged.size(); indexed++) {
                if (staged.get(indexed) instanceof DomainEventMessage<?> event) {
                    byStream.computeIfAbsent(event.getAggregateIdentifier(), s -> new ArrayList<>()).add(event);
                }
            }
            return List.copyOf(byStream.getOrDefault(stream, List.of())).stream();
        }
    }

    /** The unit-of-work resource under which Axon's event bus stages events ({@code AbstractEventBus.eventsKey}). */
    private String stagedEventsKey() {
        return this + "_EVENTS";
    }

    /**
     * Axon's Spring Boot set-up of the JPA store, which stands aside as a whole once the ledger defines its own event
     * store, rebuilt as it was.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
    static class Setup {

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
        LedgerEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
            return new LedgerEventStore((Builder) EmbeddedEventStore.builder()
                    .storageEngine(storageEngine)
                    .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                    .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
        }

        /** What the read models' and the Merkle log's processors read ({@code source} in their settings). */
        @Bean
        LingeringEventSource processorEvents(LedgerEventStore eventStore, StoreProperties properties) {
            return new LingeringEventSource(eventStore, properties.processorLinger());
        }
    }
}
