package org.consentledger.ledger.policy;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    PolicyRules policyRules(Clock clock, PolicyProperties properties) {
        return new PolicyRules(clock, properties.defaultConsentMaxAge());
    }

    @Bean
    PolicyDecider policyDecider(PolicyRules rules) {
        return new PolicyDecider(rules);
    }

    @Bean
    CookiePolicyTextImporter cookiePolicyTextImporter() {
        return new CookiePolicyTextImporter();
    }
}
