package org.consentledger.ledger.erasure;

import java.time.Clock;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.store.personal.ErasedStreams;
import org.consentledger.store.personal.FormatOneStreams;
import org.consentledger.store.readmodels.ConsentHistoryTable;
import org.consentledger.store.readmodels.PolicyCatalogTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

    @Bean
    ErasureDecider erasureDecider(Clock clock, VisitorPseudonyms pseudonyms) {
        return new ErasureDecider(new ErasureRules(clock), pseudonyms);
    }

    @Bean
    RetentionJob retentionJob(PolicyCatalogTable catalog, PublishedPolicies policies, ConsentHistoryTable history,
                              LedgerWriter writer, RetentionProperties properties, Clock clock) {
        return new RetentionJob(catalog, policies, history, writer, properties, clock);
    }

    @Bean
    ErasureEffects erasureEffects(DataKeys keys, ErasedStreams erased, FormatOneStreams formatOne) {
        return new ErasureEffects(keys, erased, formatOne);
    }
}
