package org.consentledger.ledger.consent;

import java.time.Clock;
import org.consentledger.ledger.store.SubmissionKeys;
import org.consentledger.ledger.write.WriterSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    @Bean
    SubmissionKeys consentSubmissionKeys() {
        return new ConsentSubmissionKeys();
    }

    @Bean
    ConsentRules consentRules(Clock clock, ConsentProperties properties) {
        return new ConsentRules(clock, properties);
    }

    @Bean
    ConsentDecider consentDecider(ConsentRules rules) {
        return new ConsentDecider(rules);
    }

    /** Visitors' decisions are most of what the writer records, so its settings are theirs. */
    @Bean
    WriterSettings writerSettings(ConsentProperties properties) {
        return new WriterSettings(properties.writeGroupSize(), properties.writers(), properties.cachedVisitors());
    }
}
