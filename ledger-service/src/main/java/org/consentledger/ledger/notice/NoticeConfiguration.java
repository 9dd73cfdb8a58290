package org.consentledger.ledger.notice;

import java.time.Clock;
import org.consentledger.store.notices.NoticeAttachmentTable;
import org.consentledger.verifier.NoticeDigest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class NoticeConfiguration {

    /** The digest is taken over the notice as JSON, the form its event stores and every verifier reads. */
    @Bean
    NoticeDecider noticeDecider(Clock clock) {
        JsonMapper json = JsonMapper.builder().build();
        return new NoticeDecider(new NoticeRules(clock, notice -> NoticeDigest.of(json.valueToTree(notice))));
    }

    @Bean
    NoticeAttachments noticeAttachments(NoticeAttachmentTable table) {
        return new NoticeAttachments(table);
    }
}
