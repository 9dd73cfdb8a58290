package org.consentledger.ledger.consent;

import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.store.RecentAggregates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    /** Visitors who come back (updates, withdrawals, resubmissions) are then not rebuilt from the store. */
    @Bean
    Cache recentVisitors(ConsentProperties properties) {
        return new RecentAggregates(properties.cachedVisitors());
    }

    /**
     * Names a decision's stream without Axon's annotation lookup, which reads the command class's annotations again
     * for every command: a visible cost per event in a batch. Axon makes a single resolver bean every aggregate's
     * default, so other commands keep the annotation lookup.
     */
    @Bean
    CommandTargetResolver visitorStreamOf() {
        CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();
        return command -> {
            Object payload = command.getPayload();
            if (payload instanceof GiveConsent give) {
                return new VersionedAggregateIdentifier(give.streamId(), null);
            }
            if (payload instanceof WithdrawConsent withdraw) {
                return new VersionedAggregateIdentifier(withdraw.streamId(), null);
            }
            return annotated.resolveTarget(command);
        };
    }

    @Bean
    ConsentRules consentRules(Clock clock, ConsentProperties properties) {
        return new ConsentRules(clock, properties);
    }
}
