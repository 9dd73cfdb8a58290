package org.consentledger.ledger.web;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies are plain records, never JPA entities: every member is there to check. With JPA on the class path,
 * Hibernate Validator would otherwise ask the persistence provider, for every constrained member of every decision
 * of a batch, whether it was loaded, which cost more than the checks themselves.
 */
@Configuration(proxyBeanMethods = false)
class RequestValidation {

    @Bean
    ValidationConfigurationCustomizer everyMemberIsChecked() {
        return configuration -> configuration.traversableResolver(new EveryMember());
    }

    private static final class EveryMember implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    }
}
