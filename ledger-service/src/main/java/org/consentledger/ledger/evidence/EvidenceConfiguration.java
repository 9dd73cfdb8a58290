package org.consentledger.ledger.evidence;

import java.time.Clock;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.consentledger.store.evidence.EvidenceLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EvidenceConfiguration implements WebMvcConfigurer {

    private final Clock clock;

    EvidenceConfiguration(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new QuestionResolver(clock));
    }

    @Bean
    CheckpointKey checkpointKey(EvidenceProperties properties) {
        return CheckpointKey.loadOrCreate(properties.signingKeyFile());
    }

    @Bean
    Checkpoints checkpoints(EvidenceLog log, CheckpointKey key, Clock clock,
                            ObjectProvider<CheckpointPublisher> publishers) {
        return new Checkpoints(log, key, clock, publishers.orderedStream().toList());
    }

    /** Every event is hashed and chained as it is stored; there is no switch to turn tamper evidence off. */
    @Bean
    EventChain eventChain(EventStorageEngine storage, @Qualifier("eventSerializer") Serializer serializer,
                          EvidenceProperties properties) {
        return new EventChain(storage, serializer, properties.chainedStreams());
    }

    @Bean
    MerkleLog merkleLog(EvidenceLog log, Checkpoints checkpoints, EvidenceProperties properties) {
        return new MerkleLog(log, checkpoints, properties.checkpointAfter());
    }
}
