package org.consentledger.ledger.personal;

import java.time.Clock;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.store.personal.ErasedStreams;
import org.consentledger.store.personal.FormatOneStreams;
import org.consentledger.store.personal.SecretFingerprints;
import org.consentledger.store.personal.VisitorKeyTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    LedgerSecrets ledgerSecrets(PersonalDataProperties properties, Clock clock) {
        return LedgerSecrets.loadOrCreate(properties.keyFile(), clock);
    }

    @Bean
    VisitorPseudonyms visitorPseudonyms(LedgerSecrets secrets) {
        return new VisitorPseudonyms(secrets);
    }

    @Bean
    SecretCheck secretCheck(VisitorPseudonyms pseudonyms, SecretFingerprints fingerprints) {
        return new SecretCheck(pseudonyms, fingerprints);
    }

    @Bean
    FormatOneUpgrade formatOneUpgrade(FormatOneStreams streams, VisitorPseudonyms pseudonyms, SecretCheck secretCheck,
                                      PlatformTransactionManager transactions) {
        return new FormatOneUpgrade(streams, pseudonyms, secretCheck, new TransactionTemplate(transactions));
    }

    @Bean
    VisitorStreams visitorStreams(VisitorPseudonyms pseudonyms, ErasedStreams erased) {
        return new PseudonymousStreams(pseudonyms, erased);
    }

    @Bean
    KeyRotation keyRotation(VisitorKeyTable table, LedgerSecrets secrets, PlatformTransactionManager transactions) {
        return new KeyRotation(table, new KeyWrapping(secrets), new TransactionTemplate(transactions), 1_000);
    }

    @Bean
    DataKeys dataKeys(VisitorKeyTable table, LedgerSecrets secrets, Clock clock, PersonalDataProperties properties) {
        return new DataKeys(table, new KeyWrapping(secrets), clock, properties.cachedKeys());
    }
}
