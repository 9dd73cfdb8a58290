package org.consentledger.ledger.consent;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    @Bean
    ConsentRules consentRules(Clock clock, ConsentProperties properties) {
        return new ConsentRules(clock, properties);
    }
}
