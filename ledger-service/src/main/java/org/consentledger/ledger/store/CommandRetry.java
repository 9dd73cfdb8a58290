package org.consentledger.ledger.store;

import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When two instances append to the same stream at once, the store's unique (stream, sequence) constraint lets one
 * win and the other fail with a {@link ConcurrencyException}; that command is then handled again on the fresh
 * stream (the first event of a new stream fails as an {@link AggregateStreamCreationException}). Nothing else is
 * retried: a refused command stays refused.
 */
@Configuration(proxyBeanMethods = false)
public class CommandRetry {

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor(r -> {
                            Thread thread = new Thread(r, "command-retry");
                            thread.setDaemon(true);
                            return thread;
                        }))
                        .retryInterval(20)
                        .maxRetryCount(10)
                        .nonTransientFailurePredicate(failure -> !partOfConcurrentAppend(failure))
                        .build())
                .build();
    }

    /** Whether a failure is a lost race to append to a stream, and so worth handling again on the fresh stream. */
    public static boolean lostAppendRace(Throwable failure) {
        for (Throwable link = failure; link != null; link = link.getCause()) {
            if (!partOfConcurrentAppend(link)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Axon asks this of every exception in a failure's cause chain, and retries only when no link is non-transient;
     * so each link a lost race is made of (Axon's exception over JPA over Hibernate over SQL) must count as
     * transient. A ledger rejection or a bug is none of these, and is not retried.
     */
    static boolean partOfConcurrentAppend(Throwable failure) {
        return failure instanceof ConcurrencyException
                // Creating a visitor's stream that another instance just created is the same race at sequence 0.
                || failure instanceof AggregateStreamCreationException
                || failure instanceof jakarta.persistence.PersistenceException
                || failure instanceof org.hibernate.HibernateException
                || failure instanceof java.sql.SQLException
                || failure instanceof org.springframework.dao.DataAccessException;
    }
}
