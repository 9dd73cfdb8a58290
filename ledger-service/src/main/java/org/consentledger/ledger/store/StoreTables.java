package org.consentledger.ledger.store;

import org.consentledger.store.collection.SiteCollectionTable;
import org.consentledger.store.events.EventRows;
import org.consentledger.store.events.SiteEventRows;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.store.notices.NoticeAttachmentTable;
import org.consentledger.store.personal.ErasedStreams;
import org.consentledger.store.personal.FormatOneStreams;
import org.consentledger.store.personal.SecretFingerprints;
import org.consentledger.store.personal.VisitorKeyTable;
import org.consentledger.store.readmodels.ColumnWidths;
import org.consentledger.store.readmodels.ConsentHistoryTable;
import org.consentledger.store.readmodels.DeadLetters;
import org.consentledger.store.readmodels.PolicyCatalogTable;
import org.consentledger.store.readmodels.ReadModelPositions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The storage module's tables, as the features above read and write them. */
@Configuration(proxyBeanMethods = false)
class StoreTables {

    @Bean
    ConsentHistoryTable consentHistoryTable(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return new ConsentHistoryTable(jdbc, jdbcTemplate);
    }

    @Bean
    PolicyCatalogTable policyCatalogTable(JdbcClient jdbc) {
        return new PolicyCatalogTable(jdbc);
    }

    @Bean
    ReadModelPositions readModelPositions(JdbcClient jdbc) {
        return new ReadModelPositions(jdbc);
    }

    @Bean
    ErasedStreams erasedStreams(JdbcClient jdbc) {
        return new ErasedStreams(jdbc);
    }

    @Bean
    NoticeAttachmentTable noticeAttachmentTable(JdbcClient jdbc) {
        return new NoticeAttachmentTable(jdbc);
    }

    @Bean
    SiteCollectionTable siteCollectionTable(JdbcClient jdbc) {
        return new SiteCollectionTable(jdbc);
    }

    @Bean
    SecretFingerprints secretFingerprints(JdbcClient jdbc) {
        return new SecretFingerprints(jdbc);
    }

    @Bean
    FormatOneStreams formatOneStreams(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return new FormatOneStreams(jdbc, jdbcTemplate);
    }

    @Bean
    VisitorKeyTable visitorKeyTable(JdbcClient jdbc) {
        return new VisitorKeyTable(jdbc);
    }

    @Bean
    DeadLetters deadLetters(JdbcClient jdbc) {
        return new DeadLetters(jdbc);
    }

    @Bean
    EvidenceLog evidenceLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return new EvidenceLog(jdbc, jdbcTemplate);
    }

    @Bean
    EventRows eventRows(JdbcClient jdbc) {
        return new EventRows(jdbc);
    }

    @Bean
    SiteEventRows siteEventRows(JdbcClient jdbc) {
        return new SiteEventRows(jdbc);
    }

    @Bean
    ColumnWidths columnWidths(JdbcClient jdbc) {
        return new ColumnWidths(jdbc);
    }
}
