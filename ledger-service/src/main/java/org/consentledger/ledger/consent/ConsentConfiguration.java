package org.consentledger.ledger.consent;

import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.consentledger.api.consent.ConsentDecision;
import org.consentledger.ledger.store.LedgerEventStore;
import org.consentledger.ledger.store.RecentAggregates;
import org.consentledger.ledger.store.SubmissionIndex;
import org.consentledger.ledger.store.SubmissionKeys;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    /** Visitors who come back (updates, withdrawals, resubmissions) are then not read from the store. */
    @Bean
    Cache recentVisitors(ConsentProperties properties) {
        return new RecentAggregates(properties.cachedVisitors());
    }

    @Bean
    SubmissionKeys consentSubmissionKeys() {
        return new ConsentSubmissionKeys();
    }

    /** Command handlers get Spring beans as parameters (the rules, the policies) as with Axon's own repository. */
    @Bean
    VisitorConsentRepository visitorConsentRepository(@Qualifier("recentVisitors") Cache recentVisitors,
                                                      SubmissionIndex index, LedgerEventStore eventStore,
                                                      org.axonframework.config.Configuration axon) {
        return new VisitorConsentRepository(EventSourcingRepository.builder(VisitorConsent.class)
                .cache(recentVisitors)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(VisitorConsent.class)), index, eventStore);
    }

    /**
     * Names a decision's stream without Axon's annotation lookup, which reads the command class's annotations again
     * for every command: a visible cost per event in a batch. Axon makes a single resolver bean every aggregate's
     * default, so other commands keep the annotation lookup.
     */
    @Bean
    CommandTargetResolver visitorStreamOf() {
        CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();
        return command -> command.getPayload() instanceof ConsentDecision decision
                ? new VersionedAggregateIdentifier(decision.streamId(), null)
                : annotated.resolveTarget(command);
    }

    @Bean
    ConsentRules consentRules(Clock clock, ConsentProperties properties) {
        return new ConsentRules(clock, properties);
    }
}
