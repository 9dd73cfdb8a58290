package org.consentledger.ledger.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MutableConfigOverride;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.BrowserSubmission;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.signals.GpcSignal;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.store.StoredStreamHeads;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pins how events are stored. The stored form is evidence, so it must not change with web JSON settings: Axon gets
 * its own Jackson mapper (ISO-8601 instants and durations, readable JSON), private to the event store.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    private static final Consumer<MutableConfigOverride> NON_NULL = override -> override.setIncludeAsProperty(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    static ObjectMapper storeMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // Registered after JavaTimeModule, so it reads instants in its place.
                .addModule(new SimpleModule("stored-instants").addDeserializer(Instant.class, new StoredInstants()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Old events must stay readable when a later release adds a field.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Most decisions carry no context or signals: leaving the members out keeps their payloads as they
                // were before those existed (evidence format §13.1 reads an absent member as null).
                .withConfigOverride(DecisionContext.class, NON_NULL)
                .withConfigOverride(TcfConsent.class, NON_NULL)
                .withConfigOverride(GppConsent.class, NON_NULL)
                .withConfigOverride(GpcSignal.class, NON_NULL)
                .withConfigOverride(BrowserSubmission.class, NON_NULL)
                .build();
    }

    /** Serves Axon's general, message and event serializer alike (Axon falls back to the primary one). */
    @Bean
    @Primary
    public Serializer ledgerSerializer() {
        return RegisteredTypeSerializer.of(storeMapper());
    }

    /**
     * How far streams go in the store, many streams a statement, and how many policy versions a site's stream holds:
     * the write side and the read models ask it.
     */
    @Bean
    public StoredStreamHeads storedStreams(JdbcClient jdbc) {
        return new StoredStreamHeads(jdbc, List.of(EventType.POLICY_PUBLISHED.stableName(),
                EventType.POLICY_PUBLISHED.formatOneName()));
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
