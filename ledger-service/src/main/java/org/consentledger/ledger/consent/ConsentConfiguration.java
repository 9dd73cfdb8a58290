package org.consentledger.ledger.consent;

import java.time.Clock;
import org.consentledger.ledger.evidence.EvidenceProperties;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.consentledger.ledger.write.WriterSettings;
import org.consentledger.projections.consent.RenewalWindow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    @Bean
    ConsentSubmissionKeys consentSubmissionKeys(VisitorPseudonyms pseudonyms) {
        return new ConsentSubmissionKeys(pseudonyms);
    }

    @Bean
    ConsentRules consentRules(Clock clock, ConsentProperties properties, EvidenceProperties evidence) {
        return new ConsentRules(clock, properties, evidence.truncateIp());
    }

    @Bean
    ConsentDecider consentDecider(ConsentRules rules, VisitorPseudonyms pseudonyms,
                                  ConsentSubmissionKeys submissionKeys) {
        return new ConsentDecider(rules, pseudonyms, submissionKeys);
    }

    @Bean
    RenewalWindow renewalWindow(ConsentProperties properties) {
        return new RenewalWindow(properties.renewBefore());
    }

    /** Visitors' decisions are most of what the writer records, so its settings are theirs. */
    @Bean
    WriterSettings writerSettings(ConsentProperties properties) {
        return new WriterSettings(properties.writeGroupSize(), properties.writers(), properties.cachedVisitors());
    }
}
