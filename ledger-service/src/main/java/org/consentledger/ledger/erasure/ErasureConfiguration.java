package org.consentledger.ledger.erasure;

import java.time.Clock;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.consentledger.store.personal.ErasedStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

    @Bean
    ErasureDecider erasureDecider(Clock clock, VisitorPseudonyms pseudonyms) {
        return new ErasureDecider(new ErasureRules(clock), pseudonyms);
    }

    @Bean
    ErasureEffects erasureEffects(DataKeys keys, ErasedStreams erased) {
        return new ErasureEffects(keys, erased);
    }
}
