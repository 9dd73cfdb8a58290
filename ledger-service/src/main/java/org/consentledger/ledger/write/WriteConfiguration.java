package org.consentledger.ledger.write;

import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.store.DurableCommits;
import org.consentledger.ledger.store.SubmissionIndex;
import org.consentledger.ledger.store.SubmissionKeys;
import org.consentledger.store.StoredStreams;
import org.consentledger.store.personal.FormatOneStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The write path, from the deciders the features declare. */
@Configuration(proxyBeanMethods = false)
class WriteConfiguration {

    @Bean
    GroupDecisions groupDecisions(List<Decider<?>> deciders) {
        return new GroupDecisions(deciders);
    }

    @Bean
    WriteGroups writeGroups(GroupDecisions decisions, SubmissionIndex index, SubmissionKeys keys,
                            EventStore eventStore, StoredStreams heads, SiteStates sites, EventLinker chain,
                            TransactionManager transactions, WriterSettings settings, MeterRegistry meters,
                            DataKeys dataKeys, List<AppendEffect> effects, FormatOneStreams formatOne) {
        return new WriteGroups(decisions,
                new StreamHistories(index, keys, eventStore, settings.rememberedStreams(), formatOne),
                heads, sites, eventStore, chain, transactions, new CommandMetrics(meters), dataKeys, effects);
    }

    @Bean
    LedgerWriter ledgerWriter(WriteGroups groups, DurableCommits durable, WriterSettings settings,
                              MeterRegistry meters) {
        return new LedgerWriter(groups, durable, settings.groupSize(), settings.writers(), meters);
    }
}
